import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_COOKIE_NAME } from '@mlflow-authz/core';
import { clearedTokenCookie, MAX_COOKIE_BYTES, tokenCookie } from './token-cookie.js';

const B64URL = fc.stringMatching(/^[A-Za-z0-9_-]{1,400}$/);
const JWT = fc.tuple(B64URL, B64URL, B64URL).map((parts) => parts.join('.'));

/** The cookie's parts as a browser's cookie parser splits them: name, value, attributes (lower-cased names). */
function parse(cookie: string): { name: string; value: string; attributes: Map<string, string> } {
  const [pair = '', ...rest] = cookie.split(';');
  const eq = pair.indexOf('=');
  const attributes = new Map(rest.map((a) => a.trim()).map((a) => [a.split('=')[0]?.toLowerCase() ?? '', a.includes('=') ? a.slice(a.indexOf('=') + 1) : '']));
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

describe('tokenCookie', () => {
  it('is the __Host- cookie the authorizer reads, with exactly the attributes it needs, for any token and lifetime', () => {
    let live = 0;
    let expired = 0;
    fc.assert(
      fc.property(JWT, fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), fc.integer({ min: -7200, max: 7200 }), fc.constantFrom(0, 0.25, 0.999), (jwt, now, remaining, fraction) => {
        // `exp` is whole seconds; the clock is not: the cookie must never outlive the token.
        const cookie = tokenCookie(jwt, now + remaining, now + fraction);
        expect(cookie).not.toBeNull();
        const { name, value, attributes } = parse(cookie ?? '');
        expect(name).toBe(TOKEN_COOKIE_NAME);
        expect(value).toBe(jwt);
        expect([...attributes.keys()]).toEqual(['path', 'secure', 'samesite', 'max-age']);
        expect(attributes.get('path')).toBe('/');
        expect(attributes.get('samesite')).toBe('Strict');
        expect(attributes.has('domain')).toBe(false);
        const maxAge = Number(attributes.get('max-age'));
        expect(maxAge).toBe(Math.max(0, fraction === 0 ? remaining : remaining - 1));
        if (maxAge > 0) live++;
        else expired++;
      }),
      { numRuns: 1000 },
    );
    expect(live).toBeGreaterThan(300);
    expect(expired).toBeGreaterThan(300);
  });

  it('refuses what is not a JWT or would not fit in a cookie, instead of letting the browser drop it silently', () => {
    const now = 1_700_000_000;
    for (const bad of ['', 'abc', 'a.b', 'a.b.c; Path=/evil', 'a.b.c d', 'a.b.c,d', 'a.b."c"', 'a.b.c\n']) expect(tokenCookie(bad, now + 60, now)).toBeNull();
    const fits = `a.${'b'.repeat(MAX_COOKIE_BYTES - TOKEN_COOKIE_NAME.length - 4)}.c`;
    expect(tokenCookie(fits, now + 60, now)).not.toBeNull();
    expect(tokenCookie(`${fits}d`, now + 60, now)).toBeNull();
  });

  it('is cleared with the same name, path and attributes and Max-Age=0', () => {
    const { name, value, attributes } = parse(clearedTokenCookie());
    expect({ name, value }).toEqual({ name: TOKEN_COOKIE_NAME, value: '' });
    expect(Object.fromEntries(attributes)).toEqual({ path: '/', secure: '', samesite: 'Strict', 'max-age': '0' });
  });
});
