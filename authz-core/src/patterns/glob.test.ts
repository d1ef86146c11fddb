import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesIamPattern } from '@mlflow-authz/test/oracle';
import { GlobAutomaton, globMatches, parseGlob } from './glob.js';

function runAutomaton(automaton: GlobAutomaton, value: string): number {
  let state = automaton.start;
  for (const c of value) state = automaton.step(state, c);
  return state;
}

describe('globs', () => {
  it('parses `*` and `?` as wildcards and everything else literally', () => {
    expect(parseGlob('a*?.')).toEqual([{ kind: 'char', char: 'a' }, { kind: 'star' }, { kind: 'any' }, { kind: 'char', char: '.' }]);
  });

  it.each([
    ['GET/api/*', 'GET/api/a/b', true],
    ['GET/api/*', 'GET/api', false],
    ['*%2F*', 'GET/a%2Fb', true],
    ['*%2F*', 'GET/a%2fb', false],
    ['GET/?.0/x', 'GET/2.0/x', true],
    ['GET/?.0/x', 'GET/22.0/x', false],
    ['GET/a.b(c)+[d]', 'GET/a.b(c)+[d]', true],
    ['GET/a.b', 'GET/aXb', false],
    ['*\\*', 'GET/a\\b', true],
  ])('%j matches %j: %s', (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
    const automaton = new GlobAutomaton([glob]);
    expect(automaton.accepts(runAutomaton(automaton, value))).toBe(expected);
  });

  it('agrees with the independent oracle on random globs and strings', () => {
    const glob = fc.stringMatching(/^[ab/*?%]{0,8}$/);
    const value = fc.stringMatching(/^[ab/%*]{0,10}$/);
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), value, (globs, s) => {
        const automaton = new GlobAutomaton(globs);
        const state = runAutomaton(automaton, s);
        const expected = globs.map((g) => matchesIamPattern(g, s));
        expect(globs.map((g) => globMatches(g, s))).toEqual(expected);
        expect(automaton.accepts(state)).toBe(expected.some(Boolean));
        // Once a glob matches every continuation the others are no longer tracked: only matching globs are named.
        const named = automaton.acceptingGlobs(state);
        expect(named.length > 0).toBe(expected.some(Boolean));
        for (const g of named) expect(expected[g]).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows when a glob matches every continuation, or none', () => {
    const automaton = new GlobAutomaton(['GET/api/*', 'GET/x']);
    expect(automaton.isSaturated(runAutomaton(automaton, 'GET/api/'))).toBe(true);
    expect(automaton.isSaturated(runAutomaton(automaton, 'GET/ap'))).toBe(false);
    expect(automaton.isDead(runAutomaton(automaton, 'GET/y'))).toBe(true);
    expect(automaton.relevantChars(runAutomaton(automaton, 'GET/'))).toEqual(['a', 'x']);
  });
});
