import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleSet } from './tuple-set.js';

describe('TupleSet', () => {
  it('adds each tuple once, telling tuples apart by every field, negative values included', () => {
    const set = new TupleSet();
    expect(set.add(1, 2, 3, 4, -1, -1)).toBe(true);
    expect(set.add(1, 2, 3, 4, -1, -1)).toBe(false);
    for (let field = 0; field < 6; field++) {
      const tuple = [1, 2, 3, 4, -1, -1];
      tuple[field] = (tuple[field] as number) + 7;
      expect(set.add(...(tuple as [number, number, number, number, number, number]))).toBe(true);
    }
  });

  it('agrees with a set of strings on random tuples, across growth', () => {
    const field = fc.integer({ min: -1, max: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field, field, field, field), { maxLength: 3000 }), (tuples) => {
        const set = new TupleSet();
        const reference = new Set<string>();
        for (const t of tuples) {
          const key = t.join(',');
          expect(set.add(...t)).toBe(!reference.has(key));
          reference.add(key);
        }
      }),
      { numRuns: 30 },
    );
  });
});
