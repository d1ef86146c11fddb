import type { CollisionMode, PatternCollision } from './collision.js';
import { UnsoundPatternsError } from './errors.js';
import { denyExceptions } from './exceptions.js';
import type { TrieNode } from './literal-trie.js';
import { literalTrie } from './literal-trie.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import type { PatternSet } from './pattern-set.js';
import type { RoleAnalysis } from './role-analysis.js';
import { routeGlob } from './route-glob.js';
import type { MethodModel } from './surface-model.js';

interface Plan extends PatternSet {
  readonly cost: number;
}

/** A method's planned patterns and the collisions its deny exceptions fail closed on. */
export interface MethodPlan extends PatternSet {
  readonly collisions: readonly PatternCollision[];
}

const EMPTY: Plan = { allow: [], deny: [], cost: 0 };

/**
 * Sound allow and deny patterns for one method, chosen over the trie of literal route prefixes: at each node
 * either one pattern for everything below (`GET/api/2.0/mlflow/*`) with the deny exceptions it needs, or the
 * routes' own globs and the children's plans, whichever costs fewer policy characters (`overhead` per ARN).
 * Where even the routes' own globs need a deny no glob can make safe, `collisions` decides: throw
 * UnsoundPatternsError (`refuse`), or deny the smallest colliding class and report it (`fail-closed`).
 */
export function planMethod(analysis: RoleAnalysis, method: MethodModel, overhead: number, collisions: CollisionMode = 'refuse'): MethodPlan {
  const granted = analysis.grantedRoutes(method);
  const found: PatternCollision[] = [];
  if (!granted.some(Boolean)) return { ...EMPTY, collisions: found };
  const root = analysis.request.surface === 'iam' ? '/api' : '';
  const m = method.method;
  const cost = (patterns: readonly string[]): number => patterns.reduce((n, p) => n + overhead + p.length, 0);
  const combine = (plans: readonly PatternSet[]): Plan => {
    const allow = [...new Set(plans.flatMap((p) => p.allow))];
    const deny = [...new Set(plans.flatMap((p) => p.deny))];
    return { allow, deny, cost: cost(allow) + cost(deny) };
  };

  const solve = (node: TrieNode): Plan => {
    if (node.grantedBelow === 0) return EMPTY;
    const children = node.children.map(solve);
    const own = [...new Set(node.routes.filter((r) => granted[r] === true).map((r) => routeGlob(m, (method.routes[r] as MethodModel['routes'][number]).route)))].sort();
    let ownDeny: readonly string[] = [];
    if (own.length > 0) {
      const result = denyExceptions(analysis, method, own, MALFORMED_PATH_DENIES, { overhead: 0, limit: Infinity, failClosed: collisions === 'fail-closed' });
      if (!result.ok) throw new UnsoundPatternsError(`${m} ${node.path || '/'}: the routes' own patterns`, result.violation === undefined ? [] : [result.violation]);
      ownDeny = result.deny;
      found.push(...result.collisions);
    }
    const split = combine([{ allow: own, deny: ownDeny }, ...children]);
    if (node.grantedBelow < 2) return split;
    const starAllow = [`${m}${node.path}/*`];
    if (node.exact.some((r) => granted[r] === true)) starAllow.push(`${m}${node.path}`);
    const starCost = cost(starAllow);
    if (starCost + deniedClusters(node) * overhead >= split.cost) return split;
    const result = denyExceptions(analysis, method, starAllow, MALFORMED_PATH_DENIES, { overhead, limit: split.cost - starCost });
    if (!result.ok) return split;
    const star = combine([{ allow: starAllow, deny: result.deny }]);
    return star.cost < split.cost ? star : split;
  };
  const plan = solve(literalTrie(method, method.onSurface, granted, root));
  // A collision whose deny the chosen plan does not use (a star plan was cheaper elsewhere) is not in force.
  return { allow: plan.allow, deny: plan.deny, collisions: found.filter((c) => plan.deny.includes(c.deny)) };
}

/** A lower bound on the denies a pattern for everything below `node` needs: one per subtree of denied routes. */
function deniedClusters(node: TrieNode): number {
  if (node.grantedBelow === 0) return node.deniedBelow > 0 ? 1 : 0;
  const deniedHere = node.deniedBelow - node.children.reduce((n, c) => n + c.deniedBelow, 0);
  return deniedHere + node.children.reduce((n, c) => n + deniedClusters(c), 0);
}
