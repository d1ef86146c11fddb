// What "agree" means for each enforcement point, judged with the reference router (not authz-core's):
//  - the authorizer with cache TTL 0 decides every request exactly as the reference model;
//  - pattern-based decisions (IAM policies, the cached whole-grant policy) agree exactly wherever the reference
//    routes the request to an operation, and on the malformed classes their patterns deny; elsewhere (the
//    request routes nowhere, or spells an unreserved character as an escape, which clients never do) they may
//    allow only what MLflow itself would run as a granted operation, or a request MLflow answers with 404.
import { CATALOGUE } from '@mlflow-authz/core';
import { referenceRoute } from '../reference/reference-router.js';
import type { Effect, Request } from './enforcement.js';

// The malformed classes pattern-based policies deny outright: `//`, `.`/`..` segments, a backslash, escaped
// `/` `\` `.`, escaped control characters. Written out here, independently of the pattern builder.
const DENIED_MALFORMED = /\/\/|\/\.\.?(?:\/|$)|\\|%2[fFeE]|%5[cC]|%[01][0-9a-fA-F]|%7[fF]/;

/** Which branch of the contract a request falls in, for reporting how often each was exercised. */
export type Branch = 'routed' | 'malformed' | 'unrouted';

/** The branch of the contract that applies to a request. */
export function branchOf(request: Request): Branch {
  if (referenceRoute(CATALOGUE, request.method, request.path) !== null) return 'routed';
  return DENIED_MALFORMED.test(request.path) ? 'malformed' : 'unrouted';
}

/** A violation of the contract by a pattern-based decision, or null. `granted` are the caller's operations. */
export function patternViolation(actual: Effect, reference: Effect, request: Request, granted: ReadonlySet<string>): string | null {
  const branch = branchOf(request);
  if (branch !== 'unrouted') return actual === reference ? null : `${branch}: policy says ${actual}, reference ${reference}`;
  if (actual === 'deny') return null;
  const mlflowRuns = referenceRoute(CATALOGUE, request.method, request.path, { decodeUnreserved: true });
  return mlflowRuns === null || granted.has(mlflowRuns) ? null : `unrouted: policy allows, and MLflow would run ${mlflowRuns}, which is not granted`;
}
