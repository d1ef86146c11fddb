import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventHeaders } from './headers.js';
import { findHeader } from './headers.js';

// Header names that collide under case folding, and values that sometimes repeat.
const name = fc.constantFrom('authorization', 'Authorization', 'AUTHORIZATION', 'cookie', 'Cookie', 'authorisation', 'x');
const value = fc.oneof(fc.constantFrom('Bearer a', 'Bearer b'), fc.constant(undefined), fc.constant(7 as unknown as string));
const headerMap = fc.option(fc.dictionary(name, value, { maxKeys: 4 }), { nil: null });
const multiMap = fc.option(fc.dictionary(name, fc.oneof(fc.array(value, { maxLength: 3 }), fc.constant('not an array' as unknown as string[])), { maxKeys: 4 }), { nil: null });

describe('findHeader', () => {
  it('is absent, one value, or ambiguous exactly as the distinct string values under any casing of the name say', () => {
    fc.assert(
      fc.property(headerMap, multiMap, fc.constantFrom('authorization', 'cookie'), (headers, multiValueHeaders, wanted) => {
        // Values of other types than API Gateway sends, on purpose.
        const event = { headers, multiValueHeaders } as EventHeaders;
        const values = new Set<string>();
        for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === wanted && typeof v === 'string') values.add(v);
        for (const [k, vs] of Object.entries(multiValueHeaders ?? {})) {
          if (k.toLowerCase() === wanted && Array.isArray(vs)) for (const v of vs) if (typeof v === 'string') values.add(v);
        }
        const expected = values.size === 0 ? { kind: 'absent' } : values.size === 1 ? { kind: 'value', value: [...values][0] } : { kind: 'ambiguous' };
        expect(findHeader(event, wanted)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
