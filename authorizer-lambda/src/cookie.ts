// The cookie's name is shared with the UI login, which sets it; authz-core's catalogue data holds it.
export { TOKEN_COOKIE_NAME } from '@mlflow-authz/core';

/** A cookie's value from a `Cookie` header: absent, one value, or several that differ (refused by callers). */
export type CookieValue = { readonly kind: 'absent' } | { readonly kind: 'value'; readonly value: string } | { readonly kind: 'ambiguous' };

/** Finds one cookie in a `Cookie` header (RFC 6265 `name=value; name=value`, optional double quotes). */
export function findCookie(cookieHeader: string, name: string): CookieValue {
  let found: string | undefined;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (found !== undefined && found !== value) return { kind: 'ambiguous' };
    found = value;
  }
  return found === undefined ? { kind: 'absent' } : { kind: 'value', value: found };
}
