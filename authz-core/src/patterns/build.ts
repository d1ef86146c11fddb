import type { Operation } from '../catalogue/types.js';
import { UnsoundPatternsError } from './errors.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import { mergePatterns } from './merge.js';
import type { PatternRequest, PatternSet } from './pattern-set.js';
import { planMethod } from './plan-method.js';
import { RoleAnalysis } from './role-analysis.js';

/** Characters one resource costs in a policy besides its suffix: the worst-case ARN prefix and JSON quoting. */
export const DEFAULT_RESOURCE_OVERHEAD = 80;

/**
 * Builds allow and deny resource patterns (`METHOD/path-glob` suffixes) granting exactly `request.granted` on
 * `request.surface`, compressed with wildcards where that is sound, and proves the result against the
 * catalogue before returning it (decision contract: exact on canonical requests, malformed paths denied, no
 * allow where MLflow would run an operation not granted). Deterministic: sorted, same input same output.
 * Throws UnsoundPatternsError when no sound set is found.
 */
export function buildPatterns(catalogue: readonly Operation[], request: PatternRequest, overhead = DEFAULT_RESOURCE_OVERHEAD): PatternSet {
  const analysis = new RoleAnalysis(catalogue, request);
  const planned = analysis.model.methods.map((method) => planMethod(analysis, method, overhead));
  const merged = mergePatterns(
    analysis,
    { allow: planned.flatMap((p) => p.allow), deny: [...MALFORMED_PATH_DENIES, ...planned.flatMap((p) => p.deny)] },
    overhead,
  );
  const result: PatternSet = { allow: [...new Set(merged.allow)].sort(), deny: [...new Set(merged.deny)].sort() };
  const report = analysis.verify(result);
  if (report.violations.length > 0 || report.problems.length > 0) {
    throw new UnsoundPatternsError(`${request.surface} patterns`, report.violations, report.problems);
  }
  return result;
}
