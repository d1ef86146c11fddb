import { denyExceptions } from './exceptions.js';
import { globMatches } from './glob.js';
import { globIncluded } from './glob-relations.js';
import { generalizations } from './generalize.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import type { PatternSet } from './pattern-set.js';
import type { RoleAnalysis } from './role-analysis.js';
import type { MethodModel } from './surface-model.js';

// Bounds the work of the merge pass (each attempt is a search); the result stays sound either way.
const MAX_ATTEMPTS = 400;

/**
 * Compresses planned patterns further across the trie: greedily replaces two allows of a method by a glob
 * covering both (`…/2.0/mlflow/*` and `…/3.0/mlflow/*` → `…/?.0/mlflow/*`, `…/runs/search` and
 * `…/experiments/search` → `…/*s/search`) whenever the deny exceptions it then needs cost less than it saves,
 * most specific pairs first; then derives the denies afresh for the final allows and keeps the cheaper set.
 * A `*` joins only neighbours: patterns that part ways in their last two path segments.
 */
export function mergePatterns(analysis: RoleAnalysis, planned: PatternSet, overhead: number): PatternSet {
  const cost = (patterns: readonly string[]): number => patterns.reduce((n, p) => n + overhead + p.length, 0);
  const included = memoIncluded();
  const allow = [...new Set(planned.allow)].sort();
  let deny = [...new Set(planned.deny)].sort();
  const failed = new Set<string>();
  let attempts = 0;

  for (let merged = true; merged && attempts < MAX_ATTEMPTS; ) {
    merged = false;
    const pairs: { a: string; b: string; glob: string; specificity: number }[] = [];
    for (const [i, a] of allow.entries()) {
      for (const b of allow.slice(i + 1)) {
        if (methodOf(a) !== methodOf(b)) continue;
        for (const { glob, by } of generalizations(a, b, included)) {
          if (failed.has(glob) || (by === '*' && !neighbours(a, b))) continue;
          pairs.push({ a, b, glob, specificity: glob.replace(/[*?]/g, '').length });
        }
      }
    }
    pairs.sort((x, y) => y.specificity - x.specificity || (x.glob < y.glob ? -1 : x.glob > y.glob ? 1 : 0));
    for (const { a, b, glob } of pairs) {
      if (failed.has(glob) || attempts >= MAX_ATTEMPTS) continue;
      const method = analysis.method(methodOf(glob));
      if (method === undefined) continue;
      const covered = allow.filter((p) => p === a || p === b || included(p, glob));
      const saving = cost(covered) - cost([glob]);
      if (saving <= 0 || uncoveredClusters(analysis, method, glob, deny) * overhead >= saving) continue;
      attempts++;
      const result = denyExceptions(analysis, method, [glob], deny, { overhead, limit: saving });
      if (!result.ok) {
        failed.add(glob);
        continue;
      }
      allow.splice(0, allow.length, ...allow.filter((p) => !covered.includes(p)), glob);
      allow.sort();
      deny = [...new Set([...deny, ...result.deny])].sort();
      merged = true;
      break;
    }
  }

  const fresh = freshDenies(analysis, allow, overhead);
  if (fresh !== undefined && cost(fresh) < cost(deny)) deny = fresh;
  return { allow, deny: withoutSubsumed(deny, included) };
}

/** True when two patterns part ways within the last two path segments of the shallower one. */
function neighbours(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  const depth = (s: string): number => (s.split(/[*?]/)[0] as string).split('/').length;
  return a.slice(0, common).split('/').length >= Math.min(depth(a), depth(b)) - 1;
}

/**
 * How many groups of denied routes (by the segment after the glob's literal stem) `glob` would reach that no
 * deny covers yet: each needs a deny of its own, so a merge saving less than that many ARNs cannot pay off.
 */
function uncoveredClusters(analysis: RoleAnalysis, method: MethodModel, glob: string, deny: readonly string[]): number {
  const stem = (glob.split(/[*?]/)[0] as string).length - method.method.length;
  const clusters = new Set<string>();
  for (const path of analysis.deniedSamples(method)) {
    const request = method.method + path;
    if (!globMatches(glob, request) || deny.some((d) => globMatches(d, request))) continue;
    const end = path.indexOf('/', stem + 1);
    clusters.add(end === -1 ? path : path.slice(0, end));
  }
  return clusters.size;
}

/** Deny exceptions derived for the final allows alone, or undefined when that fails. */
function freshDenies(analysis: RoleAnalysis, allow: readonly string[], overhead: number): string[] | undefined {
  const deny = [...MALFORMED_PATH_DENIES];
  for (const method of analysis.model.methods) {
    const mine = allow.filter((p) => methodOf(p) === method.method);
    if (mine.length === 0) continue;
    const result = denyExceptions(analysis, method, mine, deny, { overhead, limit: Infinity });
    if (!result.ok) return undefined;
    deny.push(...result.deny);
  }
  return [...new Set(deny)].sort();
}

/** Drops denies another deny already covers (the malformed-path denies always stay). */
function withoutSubsumed(deny: readonly string[], included: (inner: string, outer: string) => boolean): string[] {
  return deny.filter(
    (d) => MALFORMED_PATH_DENIES.includes(d) || !deny.some((other) => other !== d && included(d, other) && !(included(other, d) && other > d)),
  );
}

function memoIncluded(): (inner: string, outer: string) => boolean {
  const memo = new Map<string, boolean>();
  return (inner, outer) => {
    const key = `${inner}\n${outer}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = globIncluded(inner, outer);
      memo.set(key, result);
    }
    return result;
  };
}

function methodOf(pattern: string): string {
  return pattern.slice(0, pattern.indexOf('/'));
}
