// What "agree" means for each enforcement point, judged with the reference router (not authz-core's):
//  - the authorizer decides every request exactly as the reference model — except that it denies a path holding
//    an IAM wildcard character (`*`; `?` cannot be in a path), which its one-request policy cannot name without
//    matching other requests too — and the result it returned for one
//    request, judged on another (as API Gateway judges a cached result), allows it only if it has the same
//    method and path, and then decides it exactly;
//  - IAM policies agree exactly wherever the reference routes the request to an operation — except on the
//    role's declared SigV4 exceptions, which they deny — and on the malformed classes their patterns deny;
//    elsewhere (the request routes nowhere, or spells an unreserved character as an escape, which clients never
//    do) they may allow only what MLflow itself would run as a granted operation, or a request MLflow answers 404.
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

/** What the authorizer must answer for a browser request the reference decides `reference`. */
export function browserExpected(reference: Effect, request: Request): Effect {
  return /[*?]/.test(request.path) ? 'deny' : reference;
}

/** The result cached for `first`, judged on `request`: a violation of the cache contract, or null. */
export function cachedViolation(cached: Effect, fresh: Effect, first: Request, request: Request): string | null {
  const same = first.method === request.method && first.path === request.path;
  if (same) return cached === fresh ? null : `cached ${cached} for the same request, fresh ${fresh}`;
  return cached === 'deny' ? null : `the result cached for ${first.method} ${first.path} allows another request`;
}

/** A violation of the contract by a pattern-based decision, or null. `granted` are the caller's operations. */
export function patternViolation(actual: Effect, reference: Effect, request: Request, granted: ReadonlySet<string>): string | null {
  const branch = branchOf(request);
  if (branch !== 'unrouted') return actual === reference ? null : `${branch}: policy says ${actual}, reference ${reference}`;
  if (actual === 'deny') return null;
  const mlflowRuns = referenceRoute(CATALOGUE, request.method, request.path, { decodeUnreserved: true });
  return mlflowRuns === null || granted.has(mlflowRuns) ? null : `unrouted: policy allows, and MLflow would run ${mlflowRuns}, which is not granted`;
}
