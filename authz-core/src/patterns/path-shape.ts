import { isUnreserved } from '../router/request-path.js';

/**
 * What the decision contract makes of a raw path, judged character by character:
 * - `malformed`: a class the fixed Deny statements must catch (`//`, `.`/`..` segments, backslash, escaped
 *   `/` `\` `.`, escaped control characters);
 * - `non-canonical`: refused by the router but not in those classes (a bad escape, an escaped unreserved
 *   character), so an allow is acceptable only if MLflow would run a granted operation or none;
 * - `canonical`: the router decides it, and pattern enforcement must agree exactly.
 * Escapes of bytes ≥ 0x80 count as canonical without checking that they form valid UTF-8: that asks
 * exactness on a few more requests than the router accepts, never less.
 */
export type PathClass = 'malformed' | 'non-canonical' | 'canonical';

// A state packs: escape progress (0 none, 1 after `%`, 2 after `%H`), the high hex digit, what the current
// segment is so far (empty, `.`, `..`, other), and the sticky flags. MALFORMED absorbs everything.
const MALFORMED = 0;
const SEG_EMPTY = 0;
const SEG_DOT = 1;
const SEG_DOTDOT = 2;
const SEG_OTHER = 3;
const NON_CANONICAL = 1 << 10;

function pack(escape: number, high: number, segment: number, nonCanonical: boolean): number {
  return 1 + escape + (high << 2) + (segment << 6) + (nonCanonical ? NON_CANONICAL : 0);
}
function escapeOf(state: number): number {
  return (state - 1) & 3;
}
function highOf(state: number): number {
  return ((state - 1) >> 2) & 15;
}
function segmentOf(state: number): number {
  return ((state - 1) >> 6) & 3;
}
function nonCanonical(state: number): boolean {
  return ((state - 1) & NON_CANONICAL) !== 0;
}

/** The state right after a path's leading `/`. */
export const PATH_SHAPE_START = pack(0, 0, SEG_EMPTY, false);

const HEX = '0123456789abcdefABCDEF';
// The value of each hex digit; a lookup, since stepShape runs for every character every search explores.
const HEX_VALUE: ReadonlyMap<string, number> = new Map([...HEX].map((c) => [c, parseInt(c, 16)]));
const BASE_CLASSES: readonly (readonly string[])[] = [['%'], ['/'], ['\\'], ['.']];

/** True once the path read so far is malformed whatever follows. */
export function shapeIsMalformed(state: number): boolean {
  return state === MALFORMED;
}

/** True once the path read so far can no longer be canonical. */
export function shapeIsNonCanonical(state: number): boolean {
  return state !== MALFORMED && nonCanonical(state);
}

/** The state after reading `c`. */
export function stepShape(state: number, c: string): number {
  if (state === MALFORMED) return MALFORMED;
  let flagged = nonCanonical(state);
  let segment = segmentOf(state);
  const escape = escapeOf(state);
  if (escape === 1) {
    const high = HEX_VALUE.get(c);
    if (high !== undefined) return pack(2, high, SEG_OTHER, flagged);
    flagged = true; // `%` without two hex digits: a bad escape, then `c` counts on its own
  } else if (escape === 2) {
    const low = HEX_VALUE.get(c);
    if (low !== undefined) {
      const byte = highOf(state) * 16 + low;
      const kind = escapedByte(byte);
      if (kind === 'malformed') return MALFORMED;
      return pack(0, 0, SEG_OTHER, flagged || kind === 'non-canonical');
    }
    flagged = true;
  }
  switch (c) {
    case '%':
      return pack(1, 0, SEG_OTHER, flagged);
    case '/':
      if (segment !== SEG_OTHER) return MALFORMED; // `//`, or a `.`/`..` segment before this slash
      return pack(0, 0, SEG_EMPTY, flagged);
    case '\\':
      return MALFORMED;
    case '.':
      segment = segment === SEG_EMPTY ? SEG_DOT : segment === SEG_DOT ? SEG_DOTDOT : SEG_OTHER;
      return pack(0, 0, segment, flagged);
    default:
      return pack(0, 0, SEG_OTHER, flagged);
  }
}

/** The class of a whole path that ends in `state`. */
export function finalShape(state: number): PathClass {
  if (state === MALFORMED) return 'malformed';
  const segment = segmentOf(state);
  if (segment === SEG_DOT || segment === SEG_DOTDOT) return 'malformed';
  if (escapeOf(state) !== 0 || nonCanonical(state)) return 'non-canonical';
  return 'canonical';
}

const CLASSES = new Map<number, readonly (readonly string[])[]>();

/** Groups of characters this state treats alike (characters in no group behave as an ordinary one). */
export function shapeClasses(state: number): readonly (readonly string[])[] {
  let classes = CLASSES.get(state);
  if (classes === undefined) {
    classes = computeClasses(state);
    CLASSES.set(state, classes);
  }
  return classes;
}

function computeClasses(state: number): readonly (readonly string[])[] {
  if (state === MALFORMED) return [];
  const escape = escapeOf(state);
  if (escape === 0) return BASE_CLASSES;
  const groups = new Map<string, string[]>();
  for (const c of HEX) {
    const key = escape === 1 ? highDigitClass(parseInt(c, 16)) : escapedByte(highOf(state) * 16 + parseInt(c, 16));
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...BASE_CLASSES, ...groups.values()];
}

function highDigitClass(high: number): string {
  return high < 2 ? 'control' : high >= 8 ? 'non-ascii' : String(high);
}

function escapedByte(byte: number): PathClass {
  if (byte === 0x2f || byte === 0x5c || byte === 0x2e || byte < 0x20 || byte === 0x7f) return 'malformed';
  if (byte < 0x80 && isUnreserved(String.fromCharCode(byte))) return 'non-canonical';
  return 'canonical';
}
