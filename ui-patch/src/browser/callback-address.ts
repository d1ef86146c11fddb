/**
 * Whether `href` is the issuer sending the browser back after sign-in: the UI's base address itself, with a
 * `state` and either a `code` or an `error` in its query. Returns that `state`, or null.
 */
export function signInCallbackState(href: string, base: string): string | null {
  const url = new URL(href);
  const baseUrl = new URL(base);
  if (url.origin !== baseUrl.origin || url.pathname !== baseUrl.pathname) return null;
  const state = url.searchParams.get('state');
  if (state === null || state === '') return null;
  return url.searchParams.has('code') || url.searchParams.has('error') ? state : null;
}
