import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const identity = (sub: string, expiresAt: number): Identity => ({ sub, username: sub, groups: [], roles: [], roleKey: '', expiresAt });

describe('VerifiedTokenCache', () => {
  it('returns an identity until its exp, never at or after it, and forgets it then', () => {
    const cache = new VerifiedTokenCache(10);
    cache.add('t1', identity('a', 1000));
    expect(cache.get('t1', 999.999)?.sub).toBe('a');
    expect(cache.get('t1', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('is keyed by the whole token', () => {
    const cache = new VerifiedTokenCache(10);
    cache.add('h.p.s', identity('a', 1000));
    expect(cache.get('h.p.s2', 1)).toBeUndefined();
    expect(cache.get('h.p2.s', 1)).toBeUndefined();
  });

  it('never answers for another token that ends the same way, and keeps the newer of the two', () => {
    const cache = new VerifiedTokenCache(10);
    const tail = 's'.repeat(64);
    cache.add(`h.p1.${tail}`, identity('a', 1000));
    expect(cache.get(`h.p2.${tail}`, 1)).toBeUndefined();
    expect(cache.get(`h.p1.${tail}`, 1)?.sub).toBe('a');
    cache.add(`h.p2.${tail}`, identity('b', 1000));
    expect(cache.get(`h.p2.${tail}`, 1)?.sub).toBe('b');
    expect(cache.get(`h.p1.${tail}`, 1)).toBeUndefined();
  });

  it('holds at most maxEntries, evicting the oldest', () => {
    const cache = new VerifiedTokenCache(3);
    for (const t of ['t1', 't2', 't3', 't4']) cache.add(t, identity(t, 1000));
    expect(cache.size).toBe(3);
    expect(cache.get('t1', 1)).toBeUndefined();
    expect(cache.get('t4', 1)?.sub).toBe('t4');
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new VerifiedTokenCache(0)).toThrow(RangeError);
  });

  it('only ever answers with the identity last added for exactly that token, and finds a token just added', () => {
    // Tokens from a tiny alphabet with a few shared 40-character tails, so tails collide often.
    const tails = ['a', 'b', 'c'].map((c) => c.repeat(40));
    const token = fc.tuple(fc.constantFrom('h.p1.', 'h.p2.', 'h.p3.', 'x.'), fc.constantFrom(...tails)).map(([head, tail]) => head + tail);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), token, exp: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('get' as const), token, now: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        const cache = new VerifiedTokenCache(capacity);
        const lastAdded = new Map<string, Identity>();
        let n = 0;
        for (const o of ops) {
          if (o.kind === 'add') {
            const added = identity(`id-${n++}`, o.exp);
            cache.add(o.token, added);
            lastAdded.set(o.token, added);
            expect(cache.get(o.token, 0)).toBe(added);
            expect(cache.size).toBeLessThanOrEqual(capacity);
          } else {
            const found = cache.get(o.token, o.now);
            if (found !== undefined) {
              expect(found).toBe(lastAdded.get(o.token));
              expect(o.now).toBeLessThan(found.expiresAt);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
