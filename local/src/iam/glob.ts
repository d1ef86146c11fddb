const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * True when `glob` matches all of `value` under IAM's wildcard rules: `*` any run of characters (`/` and `:`
 * included, possibly empty), `?` exactly one character, everything else itself, case-sensitively. Characters
 * are code points, as IAM counts them.
 */
export function iamGlobMatches(glob: string, value: string): boolean {
  return compileGlob(glob)(value);
}

/** A glob compiled once: the test for one value. */
export type GlobTest = (value: string) => boolean;

const COMPILED = new Map<string, GlobTest>();

/**
 * `glob` as a reusable test (cached): the literal text before its first wildcard is compared first, the rest by a
 * greedy scan. UTF-16 units are code points unless a surrogate pair is involved; only then are both split.
 */
export function compileGlob(glob: string): GlobTest {
  let test = COMPILED.get(glob);
  if (test !== undefined) return test;
  const wild = glob.search(/[*?]/);
  const prefix = wild < 0 ? glob : glob.slice(0, wild);
  const rest = wild < 0 ? '' : glob.slice(wild);
  const restChars = SURROGATE.test(rest) ? [...rest] : undefined;
  test = (value) => {
    if (!value.startsWith(prefix)) return false;
    if (wild < 0) return value.length === prefix.length;
    const tail = value.slice(prefix.length);
    if (restChars === undefined && !SURROGATE.test(tail)) return matches(rest, tail);
    return matches(restChars ?? [...rest], [...tail]);
  };
  if (COMPILED.size > 50_000) COMPILED.clear();
  COMPILED.set(glob, test);
  return test;
}

// Greedy scan, backtracking only to the last `*` seen: linear in practice, never exponential.
function matches(g: ArrayLike<string>, v: ArrayLike<string>): boolean {
  let gi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    const c = g[gi];
    if (c === '*') {
      starAt = gi++;
      resumeAt = vi;
    } else if (c !== undefined && (c === '?' || c === v[vi])) {
      gi++;
      vi++;
    } else if (starAt >= 0) {
      gi = starAt + 1;
      vi = ++resumeAt;
    } else {
      return false;
    }
  }
  while (g[gi] === '*') gi++;
  return gi === g.length;
}
