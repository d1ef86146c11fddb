import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoClock } from './iso-clock.js';

describe('IsoClock', () => {
  it('writes every instant exactly as Date.prototype.toISOString does, across repeated and changing milliseconds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 20 }), (instants) => {
        let i = 0;
        const clock = new IsoClock(() => instants[i] as number);
        for (; i < instants.length; i++) {
          expect(clock.now()).toBe(new Date(instants[i] as number).toISOString());
          expect(clock.now()).toBe(new Date(instants[i] as number).toISOString());
        }
      }),
    );
  });
});
