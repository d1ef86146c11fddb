import { findCookie, TOKEN_COOKIE_NAME } from './cookie.js';
import type { EventHeaders } from './headers.js';
import { findHeader } from './headers.js';

/** Where a request's token came from. */
export type TokenSource = 'header' | 'cookie';

/** The token a request carries, or why it carries none the authorizer may use. */
export type TokenLookup =
  | { readonly kind: 'token'; readonly token: string; readonly source: TokenSource }
  | { readonly kind: 'none'; readonly reason: string };

// API Gateway caps all headers together at 10 KB. The JWT's shape itself is aws-jwt-verify's to check (a token
// found in the verified-token cache has passed it already).
const MAX_TOKEN_LENGTH = 10_240;
const BEARER = /^bearer +/i;

/**
 * Finds the request's token from what keys API Gateway's cache for the authorizer instance that serves it, so that
 * a cached answer is the answer for every request with the same key:
 * - on a cookie route (`onCookieRoute`: the cookie authorizer, keyed on the `Cookie` header), a `Cookie` header
 *   decides alone: its `__Host-mlflow-token` cookie, accepted only if `cookieAccepted()`, and any `Authorization`
 *   header is ignored; only without a `Cookie` header (possible with caching off) the `Authorization` header;
 * - anywhere else (the bearer authorizer, keyed on `Authorization`), the `Authorization` header alone.
 * `Authorization: Bearer …` in any casing of the name and scheme; a present header that is not a bearer token is
 * refused.
 */
export function findToken(event: EventHeaders, onCookieRoute: boolean, cookieAccepted: () => boolean): TokenLookup {
  if (onCookieRoute) {
    const cookieHeader = findHeader(event, 'cookie');
    if (cookieHeader.kind === 'ambiguous') return none('several different Cookie headers');
    if (cookieHeader.kind === 'value' && cookieHeader.value !== '') {
      const cookie = findCookie(cookieHeader.value, TOKEN_COOKIE_NAME);
      if (cookie.kind === 'absent') return none('no token cookie in the Cookie header');
      if (cookie.kind === 'ambiguous') return none('several different token cookies');
      if (!cookieAccepted()) return none('token cookie is accepted only for GET/HEAD artifact reads');
      return shaped(cookie.value, 'cookie');
    }
  }
  const authorization = findHeader(event, 'authorization');
  if (authorization.kind === 'ambiguous') return none('several different Authorization headers');
  if (authorization.kind === 'value') {
    const bearer = BEARER.exec(authorization.value);
    if (bearer === null) return none('Authorization header is not a Bearer token');
    return shaped(authorization.value.slice(bearer[0].length).trimEnd(), 'header');
  }
  if (!onCookieRoute && hasTokenCookie(event)) return none('token cookie is accepted only for GET/HEAD artifact reads');
  return none('no Authorization header');
}

// Only for the reason logged when a cookie comes where it is never read.
function hasTokenCookie(event: EventHeaders): boolean {
  const cookieHeader = findHeader(event, 'cookie');
  return cookieHeader.kind === 'value' && findCookie(cookieHeader.value, TOKEN_COOKIE_NAME).kind !== 'absent';
}

function shaped(token: string, source: TokenSource): TokenLookup {
  if (token === '' || token.length > MAX_TOKEN_LENGTH || token.includes(' ')) return none(`${source} token is not a JWT`);
  return { kind: 'token', token, source };
}

function none(reason: string): TokenLookup {
  return { kind: 'none', reason };
}
