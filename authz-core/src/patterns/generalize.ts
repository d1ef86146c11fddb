/** A glob covering two patterns: by `?` in place of differing characters, or by a `*` between their common ends. */
export interface Generalization {
  readonly glob: string;
  readonly by: '?' | '*';
}

/**
 * Globs that cover both `a` and `b`: `?` where two equally long patterns differ in one or two characters (or
 * where they first differ, if the result then covers the other), and the longest common prefix and suffix
 * around a `*`. Most specific first.
 */
export function generalizations(a: string, b: string, included: (inner: string, outer: string) => boolean): Generalization[] {
  const candidates: string[] = [];
  if (a.length === b.length) {
    const differing = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (differing.length > 0 && differing.length <= 2 && differing.every((i) => a[i] !== '*' && b[i] !== '*')) {
      candidates.push([...a].map((c, i) => (differing.includes(i) ? '?' : c)).join(''));
    }
  }
  // One pattern with `?` where the two first differ, if it then covers the other (`…/2.0/mlflow*/*` and
  // `…/3.0/mlflow/*` → `…/?.0/mlflow*/*`).
  const first = commonPrefix(a, b).length;
  for (const [wide, narrow] of [[a, b], [b, a]] as const) {
    if (first >= wide.length || wide[first] === '*' || narrow[first] === undefined || narrow[first] === '*') continue;
    const widened = `${wide.slice(0, first)}?${wide.slice(first + 1)}`;
    if (!candidates.includes(widened) && included(narrow, widened)) candidates.push(widened);
  }
  const prefix = commonPrefix(a, b);
  const rest = Math.min(a.length, b.length) - prefix.length;
  const suffix = commonPrefix(reverse(a.slice(prefix.length)), reverse(b.slice(prefix.length))).slice(0, rest);
  const merged = `${prefix}*${reverse(suffix)}`.replace(/\*+/g, '*');
  const result: Generalization[] = candidates.map((glob) => ({ glob, by: '?' }));
  if (merged !== a && merged !== b && !candidates.includes(merged)) result.push({ glob: merged, by: '*' });
  return result;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}
