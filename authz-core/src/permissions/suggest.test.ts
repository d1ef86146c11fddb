import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue/catalogue.js';
import { AREAS } from '../catalogue/types.js';
import { KEY_ALIASES, keysAt } from './schema-shape.js';
import { didYouMean } from './suggest.js';

const OPERATION_IDS = CATALOGUE.map((op) => op.id);
const KEY_SETS = [keysAt([]), keysAt(['settings']), keysAt(['roles', 'r']), keysAt(['roles', 'r', 'bindings'])];
const VOCABULARIES: readonly (readonly string[])[] = [OPERATION_IDS, [...AREAS], ...KEY_SETS];

describe('didYouMean', () => {
  it('maps every alias to a key of the place it is valid in', () => {
    for (const [alias, key] of Object.entries(KEY_ALIASES)) {
      const place = KEY_SETS.find((keys) => keys.includes(key));
      expect(place, `${alias} → ${key}`).toBeDefined();
      expect(didYouMean(alias, place as string[], KEY_ALIASES)).toBe(key);
    }
  });

  it('gives back the word for any other spelling of case and separators', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), fc.constantFrom('', '_', '-'), (v, w, upper, sep) => {
        const vocabulary = VOCABULARIES[v % VOCABULARIES.length] as readonly string[];
        const word = vocabulary[w % vocabulary.length] as string;
        const respelled = [...word.replace(/[-_]/g, sep)].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('');
        expect(didYouMean(respelled, vocabulary, KEY_ALIASES)).toBe(word);
        checked++;
      }),
      { numRuns: 500 },
    );
    expect(checked).toBe(500);
  });

  it('suggests a word within one edit of a one-character typo of an operation id', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.constantFrom(...OPERATION_IDS.filter((id) => id.length >= 6)), fc.nat(), fc.constantFrom('x', 'q', 'z'), (id, at, c) => {
        const i = at % id.length;
        const typo = id.slice(0, i) + c + id.slice(i + 1);
        if (typo === id) return;
        const meant = didYouMean(typo, OPERATION_IDS);
        expect(meant, typo).toBeDefined();
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThanOrEqual(250);
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(didYouMean('banana', keysAt(['roles', 'r']), KEY_ALIASES)).toBeUndefined();
    expect(didYouMean('xyz', AREAS)).toBeUndefined();
  });
});
