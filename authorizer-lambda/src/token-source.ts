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
 * Finds the request's token: `Authorization: Bearer …` (any casing of the name and scheme), else — only if
 * `cookieAllowed()` — the `__Host-mlflow-token` cookie. A header that is present but not a bearer token is
 * refused outright, never passed over for the cookie.
 */
export function findToken(event: EventHeaders, cookieAllowed: () => boolean): TokenLookup {
  const authorization = findHeader(event, 'authorization');
  if (authorization.kind === 'ambiguous') return none('several different Authorization headers');
  if (authorization.kind === 'value') {
    const bearer = BEARER.exec(authorization.value);
    if (bearer === null) return none('Authorization header is not a Bearer token');
    return shaped(authorization.value.slice(bearer[0].length).trimEnd(), 'header');
  }
  const cookieHeader = findHeader(event, 'cookie');
  if (cookieHeader.kind !== 'value') {
    return none(cookieHeader.kind === 'ambiguous' ? 'several different Cookie headers' : 'no Authorization header');
  }
  const cookie = findCookie(cookieHeader.value, TOKEN_COOKIE_NAME);
  if (cookie.kind === 'absent') return none('no Authorization header');
  if (cookie.kind === 'ambiguous') return none('several different token cookies');
  if (!cookieAllowed()) return none('token cookie is accepted only for GET/HEAD artifact reads');
  return shaped(cookie.value, 'cookie');
}

function shaped(token: string, source: TokenSource): TokenLookup {
  if (token === '' || token.length > MAX_TOKEN_LENGTH || token.includes(' ')) return none(`${source} token is not a JWT`);
  return { kind: 'token', token, source };
}

function none(reason: string): TokenLookup {
  return { kind: 'none', reason };
}
