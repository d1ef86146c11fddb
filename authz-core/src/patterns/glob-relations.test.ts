import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.js';
import { globIncluded, globsIntersect } from './glob-relations.js';

// Every string over a small alphabet up to a length: enough to find a difference between globs this short.
const ALPHABET = ['a', 'b', '/'];
const STRINGS: string[] = [''];
for (let length = 1, level = ['']; length <= 7; length++) {
  level = level.flatMap((s) => ALPHABET.map((c) => s + c));
  STRINGS.push(...level);
}
const glob = fc.stringMatching(/^[ab/*?]{0,5}$/);

describe('glob relations', () => {
  it.each([
    ['GET/api/2.0/*', 'GET/api/*', true],
    ['GET/api/*', 'GET/api/2.0/*', false],
    ['GET/api/?.0/x', 'GET/api/*', true],
    ['a*b', '*', true],
    ['*', 'a*', false],
    ['a?c', 'a*c', true],
    ['a*c', 'a?c', false],
  ])('%j ⊆ %j: %s', (inner, outer, expected) => {
    expect(globIncluded(inner, outer)).toBe(expected);
  });

  it('decides inclusion as the strings say', () => {
    fc.assert(
      fc.property(glob, glob, (inner, outer) => {
        const counterexample = STRINGS.find((s) => globMatches(inner, s) && !globMatches(outer, s));
        expect(globIncluded(inner, outer)).toBe(counterexample === undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('decides intersection as the strings say', () => {
    fc.assert(
      fc.property(glob, fc.array(glob, { maxLength: 3 }), (a, others) => {
        const common = STRINGS.find((s) => globMatches(a, s) && others.some((o) => globMatches(o, s)));
        expect(globsIntersect(a, others)).toBe(common !== undefined);
      }),
      { numRuns: 500 },
    );
  });
});
