import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.js';
import { globIncluded, globsIntersect } from './glob-relations.js';

// Every string over a small alphabet up to twice the longest glob: if two globs share a string, they share one
// that long (in a shortest common string every character moves at least one of the two globs past a literal,
// `?` or `*` of its own; a character both globs take inside a `*` could be dropped). Shorter strings missed
// witnesses: `*/?ab` and `b/ab*` meet first at length 8 (`b/ab/aab`).
const MAX_GLOB = 4;
const ALPHABET = ['a', 'b', '/'];
const STRINGS: string[] = [''];
for (let length = 1, level = ['']; length <= 2 * MAX_GLOB; length++) {
  level = level.flatMap((s) => ALPHABET.map((c) => s + c));
  STRINGS.push(...level);
}
const glob = fc.stringMatching(new RegExp(`^[ab/*?]{0,${MAX_GLOB}}$`));

describe('glob relations', () => {
  it.each([
    ['GET/api/2.0/*', 'GET/api/*', true],
    ['GET/api/*', 'GET/api/2.0/*', false],
    ['GET/api/?.0/x', 'GET/api/*', true],
    ['*/?ab', '*', true],
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

  it('finds the intersection of globs whose first common string is long', () => {
    expect(globsIntersect('*/?ab', ['b/ab*'])).toBe(true);
    expect(globsIntersect('*/?ab', ['b/ab'])).toBe(false);
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
