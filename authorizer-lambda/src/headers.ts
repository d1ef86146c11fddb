/** Header maps as a REST API REQUEST event carries them (either may be null). */
export interface EventHeaders {
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
}

/** A header's value: absent, one value, or several different values (which callers must refuse). */
export type HeaderValue = { readonly kind: 'absent' } | { readonly kind: 'value'; readonly value: string } | { readonly kind: 'ambiguous' };

const ABSENT: HeaderValue = Object.freeze({ kind: 'absent' });
const AMBIGUOUS: HeaderValue = Object.freeze({ kind: 'ambiguous' });

// The values seen so far under any casing of the name.
class Seen {
  value: string | undefined = undefined;
  ambiguous = false;

  note(value: unknown): void {
    if (typeof value !== 'string') return;
    if (this.value === undefined) this.value = value;
    else if (this.value !== value) this.ambiguous = true;
  }
}

/**
 * Looks a header up by name, case-insensitively (API Gateway keeps the client's casing except for
 * `Authorization`). Several keys or several values that differ make the header ambiguous.
 */
export function findHeader(event: EventHeaders, lowerCaseName: string): HeaderValue {
  const seen = new Seen();
  const single = event.headers;
  if (typeof single === 'object' && single !== null) {
    // Object.keys, not for…in: this runs on every request, and for…in over a parsed event costs several times more.
    for (const key of Object.keys(single)) if (sameName(key, lowerCaseName)) seen.note(single[key]);
  }
  const multi = event.multiValueHeaders;
  if (typeof multi === 'object' && multi !== null) {
    for (const key of Object.keys(multi)) {
      const values = sameName(key, lowerCaseName) ? multi[key] : undefined;
      if (Array.isArray(values)) for (const value of values) seen.note(value);
    }
  }
  if (seen.ambiguous) return AMBIGUOUS;
  return seen.value === undefined ? ABSENT : { kind: 'value', value: seen.value };
}

function sameName(key: string, lowerCaseName: string): boolean {
  return key.length === lowerCaseName.length && (key === lowerCaseName || key.toLowerCase() === lowerCaseName);
}
