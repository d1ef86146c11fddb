import type { Operation } from '../catalogue/types.js';
import type { CollisionMode, PatternCollision } from './collision.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import type { MethodPart } from './method-part.js';
import { methodPart, partKeyOf } from './method-part.js';
import type { PatternRequest, PatternSet } from './pattern-set.js';
import { RoleAnalysis } from './role-analysis.js';
import { SurfaceModel } from './surface-model.js';

/** Characters one resource costs in a policy besides its suffix: the worst-case ARN prefix and JSON quoting. */
export const DEFAULT_RESOURCE_OVERHEAD = 80;

/** How to build: the cost of a resource besides its text, and what to do where globs cannot be exact. */
export interface BuildOptions {
  readonly overhead?: number;
  /** Default `refuse`. */
  readonly collisions?: CollisionMode;
}

/** A built pattern set and the collisions it fails closed on (always empty with `collisions: 'refuse'`). */
export interface BuiltPatterns extends PatternSet {
  readonly collisions: readonly PatternCollision[];
}

/**
 * Builds allow and deny resource patterns (`METHOD/path-glob` suffixes) granting exactly `request.granted` on
 * `request.surface`, compressed with wildcards where that is sound, and proven against the catalogue method by
 * method (decision contract: exact on canonical requests, malformed paths denied, no allow where MLflow would
 * run an operation not granted), except on the collisions when `options.collisions` is `fail-closed`.
 * Deterministic: sorted, same input same output. Throws UnsoundPatternsError when no sound set is found.
 */
export function buildPatterns(catalogue: readonly Operation[], request: PatternRequest, options: BuildOptions = {}): BuiltPatterns {
  return assembleParts(patternMethods(catalogue, request.surface).map((method) => buildMethodPart(catalogue, request, method, options)));
}

/** The methods a pattern set has parts for (those some route answers, HEAD included). */
export function patternMethods(catalogue: readonly Operation[], surface: PatternRequest['surface']): string[] {
  return SurfaceModel.of(catalogue, surface).methods.map((m) => m.method);
}

/**
 * The proven part of `request`'s pattern set for one method. Built once per distinct set of granted routes of
 * that method (per process) and then reused, so roles that differ in a few operations rebuild only the methods
 * those are on; parts of different methods can be built in different threads and joined with `assembleParts`.
 */
export function buildMethodPart(catalogue: readonly Operation[], request: PatternRequest, method: string, options: BuildOptions = {}): MethodPart {
  const analysis = new RoleAnalysis(catalogue, request);
  const model = analysis.method(method);
  if (model === undefined) throw new Error(`no route answers ${method} on the ${request.surface} surface`);
  return methodPart(analysis, model, options.overhead ?? DEFAULT_RESOURCE_OVERHEAD, options.collisions ?? 'refuse');
}

/**
 * The key of `request`'s part for `method`: two requests with the same key get the same part (from the same
 * catalogue and builder code), so a cache outside this process may hold parts under it.
 */
export function methodPartKey(catalogue: readonly Operation[], request: PatternRequest, method: string, options: BuildOptions = {}): string {
  return partKeyOf(catalogue, request, method, options.overhead ?? DEFAULT_RESOURCE_OVERHEAD);
}

/** One pattern set from the parts of every method (method-part.ts says why proven parts compose), with the malformed-path denies. */
export function assembleParts(parts: readonly MethodPart[]): BuiltPatterns {
  return {
    allow: [...new Set(parts.flatMap((p) => p.allow))].sort(),
    deny: [...new Set([...MALFORMED_PATH_DENIES, ...parts.flatMap((p) => p.deny)])].sort(),
    collisions: parts.flatMap((p) => p.collisions),
  };
}
