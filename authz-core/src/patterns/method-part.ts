import type { Operation } from '../catalogue/types.js';
import { isUnreserved } from '../router/request-path.js';
import type { CollisionMode, PatternCollision } from './collision.js';
import { UnsoundPatternsError } from './errors.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import { routesAnswering } from './method-routes.js';
import type { PatternRequest } from './pattern-set.js';
import { grantedRoutes } from './verify.js';
import { mergePatterns } from './merge.js';
import { planMethod } from './plan-method.js';
import type { RoleAnalysis } from './role-analysis.js';
import type { Violation } from './search.js';
import { searchViolations } from './search.js';
import type { MethodModel } from './surface-model.js';

/**
 * One method's share of a pattern set: allows that all start with `METHOD/`, its deny exceptions (without the
 * malformed-path denies, which every set carries), and the collisions among them, proven for that method.
 */
export interface MethodPart {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly collisions: readonly PatternCollision[];
}

const PARTS = new WeakMap<readonly Operation[], Map<string, MethodPart>>();

/**
 * The proven part for `method`, built once per (catalogue, surface, method, granted routes of that method,
 * options) and then reused: roles that grant the same routes of a method share it, so a file whose roles
 * differ by an operation or two rebuilds only the methods those operations are on. The part depends on nothing
 * else: its allows match only requests of this method, and a deny it holds that matches other methods' requests
 * (only `*%XX*`, an escaped unreserved character anywhere) matches no canonical request, so it can only take
 * allows away from requests the contract leaves open.
 */
export function methodPart(analysis: RoleAnalysis, method: MethodModel, overhead: number, collisions: CollisionMode): MethodPart {
  const key = partKey(analysis, method, overhead);
  let parts = PARTS.get(analysis.catalogue);
  if (parts === undefined) PARTS.set(analysis.catalogue, (parts = new Map()));
  let part = parts.get(key);
  if (part === undefined) {
    part = buildPart(analysis, method, overhead, 'fail-closed');
    parts.set(key, part);
  }
  if (collisions === 'refuse' && part.collisions.length > 0) {
    const violations = part.collisions.map(
      (c): Violation => ({ kind: 'over-grant', cause: 'canonical', method: c.method, path: c.protects.example, operation: c.protects.operation, route: c.protects.route, patterns: [] }),
    );
    throw new UnsoundPatternsError(`${analysis.request.surface} patterns for ${method.method}: no glob denies these without denying a granted request`, violations);
  }
  return part;
}

/**
 * What a part depends on besides the catalogue and the builder's code: surface, trailing-slash guard, resource
 * overhead, method, and which of the method's routes are granted. Built failing closed either way: where no
 * collision arises both modes take the same steps, and where one does, refusing is throwing instead.
 */
export function partKey(analysis: RoleAnalysis, method: MethodModel, overhead: number): string {
  return keyOf(analysis.request, method.method, analysis.grantedRoutes(method), overhead);
}

/** The same key from the method's routes alone (no analysis model needed): what a cache outside the builder asks with. */
export function partKeyOf(catalogue: readonly Operation[], request: PatternRequest, method: string, overhead: number): string {
  return keyOf(request, method, grantedRoutes({ routes: routesAnswering(catalogue, method) }, request.granted), overhead);
}

function keyOf(request: PatternRequest, method: string, granted: readonly boolean[], overhead: number): string {
  return [request.surface, request.trailingSlashStripped !== false, overhead, method, granted.map((g) => (g ? '1' : '0')).join('')].join('|');
}

function buildPart(analysis: RoleAnalysis, method: MethodModel, overhead: number, mode: CollisionMode): MethodPart {
  if (!analysis.grantedRoutes(method).some(Boolean)) return { allow: [], deny: [], collisions: [] };
  const planned = planMethod(analysis, method, overhead, mode);
  const merged = mergePatterns(analysis, { allow: planned.allow, deny: [...MALFORMED_PATH_DENIES, ...planned.deny] }, overhead);
  const deny = merged.deny.filter((d) => !MALFORMED_PATH_DENIES.includes(d));
  const collisions = dedupe(planned.collisions.filter((c) => deny.includes(c.deny)));
  const part: MethodPart = { allow: [...merged.allow].sort(), deny: [...deny].sort(), collisions };
  proveMethodPart(analysis, method, part);
  return part;
}

/**
 * Proves a part for its method over every raw path that is not malformed, without the malformed-path denies
 * (so the part holds alone as well as beside the shared guard): no allow where MLflow would run a route not
 * granted, and every canonical request of a granted route allowed, except exactly those the collisions' denies
 * match (checked with those denies left out). The malformed-path denies match only malformed paths
 * (malformed-denies.test.ts proves it over all paths), so adding them changes neither result.
 * Throws UnsoundPatternsError with the counterexamples.
 */
export function proveMethodPart(analysis: RoleAnalysis, method: MethodModel, part: MethodPart): void {
  const search = (deny: readonly string[], overGrant: boolean, underGrant: 'none' | 'unallowed'): Violation[] =>
    searchViolations(analysis.model, {
      method,
      granted: analysis.grantedRoutes(method),
      allow: part.allow,
      deny,
      overGrant,
      underGrant,
      trailingSlashStripped: analysis.request.trailingSlashStripped !== false,
      limit: 20,
      automaton: analysis.automaton,
    });
  const colliding = new Set(part.collisions.map((c) => c.deny));
  const violations =
    colliding.size === 0
      ? search(part.deny, true, 'unallowed')
      : [...search(part.deny, true, 'none'), ...search(part.deny.filter((d) => !colliding.has(d)), false, 'unallowed')];
  const problems = part.allow.filter((a) => !a.startsWith(`${method.method}/`)).map((a) => `allow ${a} is not for ${method.method}`);
  problems.push(...part.deny.filter((d) => !d.startsWith(`${method.method}/`) && !escapeAnywhere(d)).map((d) => `deny ${d} reaches other methods`));
  if (violations.length > 0 || problems.length > 0) throw new UnsoundPatternsError(`${analysis.request.surface} patterns for ${method.method}`, violations, problems);
}

/** `*%XX*` for an unreserved character: it matches only non-canonical requests, of any method. */
function escapeAnywhere(deny: string): boolean {
  const match = /^\*%([0-9A-Fa-f]{2})\*$/.exec(deny);
  return match !== null && isUnreserved(String.fromCharCode(parseInt(match[1] as string, 16)));
}

function dedupe(collisions: readonly PatternCollision[]): PatternCollision[] {
  const seen = new Map<string, PatternCollision>();
  for (const c of collisions) if (!seen.has(c.deny)) seen.set(c.deny, c);
  return [...seen.values()].sort((a, b) => (a.deny < b.deny ? -1 : a.deny > b.deny ? 1 : 0));
}
