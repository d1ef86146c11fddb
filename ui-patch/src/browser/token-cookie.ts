import { TOKEN_COOKIE_NAME } from '@mlflow-authz/core';

/** Browsers keep a cookie only while its name and value together stay within 4096 bytes (RFC 6265bis). */
export const MAX_COOKIE_BYTES = 4096;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The `document.cookie` assignment that mirrors the ID token into the token cookie until the token expires:
 * `NAME=<token>; Path=/; Secure; SameSite=Strict; Max-Age=<whole seconds until exp>`, or null when the token is
 * not JWT-shaped or too large for a cookie (the browser would drop it silently). `expiresAt` and `nowSeconds`
 * are seconds since the epoch; an expired token gives `Max-Age=0`, which deletes the cookie.
 */
export function tokenCookie(idToken: string, expiresAt: number, nowSeconds: number, name: string = TOKEN_COOKIE_NAME): string | null {
  if (!JWT_SHAPE.test(idToken) || name.length + idToken.length > MAX_COOKIE_BYTES) return null;
  const maxAge = Math.max(0, Math.floor(expiresAt - nowSeconds));
  return `${name}=${idToken}; Path=/; Secure; SameSite=Strict; Max-Age=${maxAge}`;
}

/** The `document.cookie` assignment that deletes the token cookie (same name, path and attributes, `Max-Age=0`). */
export function clearedTokenCookie(name: string = TOKEN_COOKIE_NAME): string {
  return `${name}=; Path=/; Secure; SameSite=Strict; Max-Age=0`;
}
