/** Header maps as a REST API REQUEST event carries them (either may be null). */
export interface EventHeaders {
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
}

/** A header's value: absent, one value, or several different values (which callers must refuse). */
export type HeaderValue = { readonly kind: 'absent' } | { readonly kind: 'value'; readonly value: string } | { readonly kind: 'ambiguous' };

const ABSENT: HeaderValue = Object.freeze({ kind: 'absent' });
const AMBIGUOUS: HeaderValue = Object.freeze({ kind: 'ambiguous' });

/**
 * Looks a header up by name, case-insensitively (API Gateway keeps the client's casing except for
 * `Authorization`). Several keys or several values that differ make the header ambiguous.
 */
export function findHeader(event: EventHeaders, lowerCaseName: string): HeaderValue {
  let found: string | undefined;
  let ambiguous = false;
  const note = (value: string | undefined): void => {
    if (value === undefined) return;
    if (found === undefined) found = value;
    else if (found !== value) ambiguous = true;
  };
  const single = event.headers;
  if (typeof single === 'object' && single !== null) {
    for (const key in single) {
      if (key.length === lowerCaseName.length && key.toLowerCase() === lowerCaseName) note(stringOrUndefined(single[key]));
    }
  }
  const multi = event.multiValueHeaders;
  if (typeof multi === 'object' && multi !== null) {
    for (const key in multi) {
      if (key.length !== lowerCaseName.length || key.toLowerCase() !== lowerCaseName) continue;
      const values = multi[key];
      if (Array.isArray(values)) for (const value of values) note(stringOrUndefined(value));
    }
  }
  if (ambiguous) return AMBIGUOUS;
  return found === undefined ? ABSENT : { kind: 'value', value: found };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
