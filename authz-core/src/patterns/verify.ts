import type { Operation } from '../catalogue/types.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import type { PatternRequest, PatternSet } from './pattern-set.js';
import type { Violation } from './search.js';
import { searchViolations } from './search.js';
import type { MethodModel } from './surface-model.js';
import { SurfaceModel } from './surface-model.js';

/** The outcome of checking a pattern set against the catalogue: counterexamples and malformed patterns. */
export interface VerificationReport {
  readonly violations: readonly Violation[];
  readonly problems: readonly string[];
}

const ALLOW_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Per route of `method`: its operation is granted. Which surface the route belongs to does not matter here: a
 * request the surface decides reaches another surface's route only through an escaped spelling (`/%61pi/…`),
 * and then the contract asks only that MLflow run an operation the role has.
 */
export function grantedRoutes(model: Pick<MethodModel, 'routes'>, granted: ReadonlySet<string>): boolean[] {
  return model.routes.map((r) => granted.has(r.operation.id));
}

/** How a checked set stands to the malformed-path denies. */
export interface VerifyOptions {
  /**
   * `included` (default): the set must hold every malformed-path deny. `shared`: they are enforced by a separate
   * policy (a guard every principal also carries), so the set is judged without them: the search never looks at
   * malformed paths anyway, so a clean report then proves that the set alone decides every other request as the
   * contract says, and that losing the guard loosens only the malformed classes.
   */
  readonly malformedDenies?: 'included' | 'shared';
}

/**
 * Checks `patterns` against the decision contract over every raw path of the surface and every routed method:
 * exact on canonical requests, no allow where MLflow would run a route the role lacks, and the malformed-path
 * denies present (unless `options.malformedDenies` is `shared`). Empty lists mean the set is sound.
 */
export function verifyPatterns(catalogue: readonly Operation[], request: PatternRequest, patterns: PatternSet, limit = 20, options: VerifyOptions = {}): VerificationReport {
  const problems = patternProblems(patterns, options);
  const model = SurfaceModel.of(catalogue, request.surface);
  const violations: Violation[] = [];
  for (const method of model.methods) {
    violations.push(
      ...searchViolations(model, {
        method,
        granted: grantedRoutes(method, request.granted),
        allow: patterns.allow,
        deny: patterns.deny,
        overGrant: true,
        underGrant: 'unallowed',
        trailingSlashStripped: request.trailingSlashStripped !== false,
        limit,
      }),
    );
  }
  return { violations, problems };
}

/** Structural problems: missing malformed-path denies (unless shared), allows without a concrete method, characters IAM refuses. */
export function patternProblems(patterns: PatternSet, options: VerifyOptions = {}): string[] {
  const problems: string[] = [];
  if (options.malformedDenies !== 'shared') {
    for (const deny of MALFORMED_PATH_DENIES) if (!patterns.deny.includes(deny)) problems.push(`missing malformed-path deny ${deny}`);
  }
  for (const allow of patterns.allow) {
    const method = allow.slice(0, allow.indexOf('/'));
    if (!ALLOW_METHODS.includes(method)) problems.push(`allow ${allow} does not start with a concrete method`);
  }
  for (const pattern of [...patterns.allow, ...patterns.deny]) {
    // IAM policy documents may hold only TAB, LF, CR and U+0020–U+00FF.
    if (/[^\u0020-\u00ff]/u.test(pattern)) problems.push(`pattern ${JSON.stringify(pattern)} has characters IAM policies cannot hold`);
  }
  return problems;
}
