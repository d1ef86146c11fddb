import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iamGlobMatches } from './glob.js';

describe('iamGlobMatches', () => {
  it.each([
    ['GET/api/*', 'GET/api/', true],
    ['GET/api/*', 'GET/api/a/b', true],
    ['GET/api/*', 'GET/api', false],
    ['GET/*/x', 'GET/a/b/x', true],
    ['GET/*/x', 'GET//x', true],
    ['GET/?', 'GET/a', true],
    ['GET/?', 'GET/', false],
    ['GET/?', 'GET/ab', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['*%2F*', 'a%2Fb', true],
    ['*%2F*', 'a%2fb', false],
    ['GET/API/*', 'GET/api/x', false],
    ['a.b', 'aXb', false],
    ['GET/é?', 'GET/é😀', true],
    ['**?', 'x', true],
    ['*?*?', 'x', false],
  ])('%j against %j is %s', (glob, value, expected) => {
    expect(iamGlobMatches(glob, value)).toBe(expected);
  });

  it('agrees with an anchored regular expression on random globs and strings', () => {
    let matched = 0;
    let checked = 0;
    const alphabet = fc.constantFrom('a', 'b', '/', '%', '😀');
    fc.assert(
      fc.property(fc.array(fc.oneof(alphabet, fc.constantFrom('*', '?')), { maxLength: 8 }), fc.array(alphabet, { maxLength: 10 }), (g, v) => {
        const glob = g.join('');
        const value = v.join('');
        const source = g.map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c === '/' ? '\\/' : c)).join('');
        const expected = new RegExp(`^${source}$`, 'u').test(value);
        checked++;
        if (expected) matched++;
        expect(iamGlobMatches(glob, value)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThanOrEqual(3000);
    expect(matched).toBeGreaterThan(100);
  });
});
