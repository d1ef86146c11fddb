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
});
