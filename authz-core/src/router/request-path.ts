/** Why a request path is refused before routing; the caller denies. */
export type MalformedReason =
  | 'too-long'
  | 'not-absolute'
  | 'empty-segment'
  | 'dot-segment'
  | 'bad-escape'
  | 'encoded-separator'
  | 'encoded-dot'
  | 'control-character'
  | 'backslash'
  | 'query-or-fragment'
  | 'encoded-unreserved-character';

/** The path's segments, percent-decoded as MLflow's routers see them, or why the path is refused. */
export type PathParse = readonly string[] | MalformedReason;

/** API Gateway refuses a method ARN longer than this (414), so longer paths are never legitimate. */
export const MAX_PATH_BYTES = 1600;

/** How strictly a path is read; the default refuses everything a client would not send. */
export interface PathParseOptions {
  /**
   * `false` decodes escapes of RFC 3986 unreserved characters (`%73` → `s`) as MLflow itself does, instead of
   * refusing the path: for checking what MLflow would run for such a request, never for deciding one.
   */
  readonly refuseEncodedUnreserved?: boolean;
}

/**
 * Splits, decodes and validates a raw request path (no query string). Rejects everything whose meaning could differ
 * between API Gateway, IAM pattern matching and MLflow's router: dot segments, `//`, control characters,
 * backslashes, escapes of `/`, `\` or NUL, and escapes of RFC 3986 unreserved characters, which no client
 * produces and which could otherwise spell a literal route segment (`traces/%73earch`). A trailing slash is
 * kept as a final empty segment.
 */
export function parseRequestPath(path: string, options: PathParseOptions = {}): PathParse {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so only long paths need their byte length counted.
  if (path.length > MAX_PATH_BYTES || (path.length * 3 > MAX_PATH_BYTES && utf8Length(path) > MAX_PATH_BYTES)) {
    return fail('too-long');
  }
  if (path.charCodeAt(0) !== 0x2f) return fail('not-absolute');
  const bad = RAW_PROBLEM.exec(path);
  if (bad !== null) return fail(rawProblemReason(bad[0]));
  const raw = path.slice(1).split('/');
  if (!path.includes('%')) return raw;
  const decoded = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const segment = raw[i] as string;
    if (!segment.includes('%')) {
      decoded[i] = segment;
      continue;
    }
    const problem = escapeProblem(segment, options.refuseEncodedUnreserved !== false);
    if (problem !== undefined) return fail(problem);
    try {
      decoded[i] = decodeURIComponent(segment);
    } catch {
      return fail('bad-escape');
    }
  }
  return decoded;
}

// Everything wrong with a path that can be seen without decoding it, in one pass: control characters, a
// backslash, `?`/`#` (a query or fragment has no place in a path), `//`, and `.` or `..` segments.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const RAW_PROBLEM = /[\x00-\x1f\x7f\\?#]|\/\/|\/\.\.?(?:\/|$)/;

function rawProblemReason(match: string): MalformedReason {
  if (match === '\\') return 'backslash';
  if (match === '?' || match === '#') return 'query-or-fragment';
  if (match === '//') return 'empty-segment';
  if (match.startsWith('/.')) return 'dot-segment';
  return 'control-character';
}

function fail(reason: MalformedReason): PathParse {
  return reason;
}

/** RFC 3986 section 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
export function isUnreserved(c: string): boolean {
  return /^[A-Za-z0-9._~-]$/.test(c);
}

function escapeProblem(segment: string, refuseUnreserved: boolean): MalformedReason | undefined {
  for (let i = segment.indexOf('%'); i !== -1; i = segment.indexOf('%', i + 1)) {
    const byte = Number.parseInt(segment.slice(i + 1, i + 3), 16);
    if (!/^[0-9a-fA-F]{2}$/.test(segment.slice(i + 1, i + 3)) || Number.isNaN(byte)) return 'bad-escape';
    if (byte >= 0x80) continue; // part of a UTF-8 sequence: never a separator or a literal route character
    if (byte === 0x2f || byte === 0x5c) return 'encoded-separator';
    if (byte === 0x2e) return 'encoded-dot';
    if (byte < 0x20 || byte === 0x7f) return 'control-character';
    if (refuseUnreserved && isUnreserved(String.fromCharCode(byte))) return 'encoded-unreserved-character';
  }
  return undefined;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
