/**
 * A raw query string (without `?`) as the decoded name → values record SigV4's canonical query is built from.
 * Decoding follows API Gateway's reading of query strings (`+` is a space, `%2B` a plus), so a client signs what it
 * sends only when it encodes spaces as `%20`, as SigV4 requires. Undefined for an undecodable escape.
 */
export function decodeQuery(raw: string): Record<string, string[]> | undefined {
  const query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (raw === '') return query;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (name === undefined || value === undefined) return undefined;
    (query[name] ??= []).push(value);
  }
  return query;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
