const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * True when `glob` matches all of `value` under IAM's wildcard rules: `*` any run of characters (`/` and `:`
 * included, possibly empty), `?` exactly one character, everything else itself, case-sensitively. Characters
 * are code points, as IAM counts them.
 */
export function iamGlobMatches(glob: string, value: string): boolean {
  // UTF-16 units are code points unless a surrogate pair is involved; only then split into code points.
  if (SURROGATE.test(glob) || SURROGATE.test(value)) return matches([...glob], [...value]);
  return matches(glob, value);
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
