/**
 * True when `glob` matches all of `value` under IAM's wildcard rules: `*` any run of characters (`/` and `:`
 * included, possibly empty), `?` exactly one character, everything else itself, case-sensitively. Characters
 * are code points, as IAM counts them.
 */
export function iamGlobMatches(glob: string, value: string): boolean {
  const g = [...glob];
  const v = [...value];
  // Greedy scan, backtracking only to the last `*` seen: linear in practice, never exponential.
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
