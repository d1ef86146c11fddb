// The decision contract: what each enforcement point must answer for a request, stated with the reference model
// (test/reference/: permissions.yaml read independently, MLflow's dispatch re-implemented). Every oracle of the
// suite judges by it — the parity proof, the IAM soundness tests, the authorizer's cache contract, its token and
// cookie rules — and none of it uses authz-core's router, patterns or compiler.
//
//  - The authorizer (browser surface) answers 401 without a usable token, except for the public operations (the
//    UI shell), which it allows to anyone. With a token it allows exactly what the caller's roles grant, and
//    denies (403) everything else: a methodArn that does not name the event's method and path, a path holding an
//    IAM wildcard character (`*`, `?`: its one-request policy could not name it without matching other requests),
//    the `/api/` surface (SigV4 callers'), anything MLflow routes nowhere. The cookie token counts only where the
//    cookie authorizer serves the request (GET or HEAD on a cookie operation's browser route, cookie-routes.ts),
//    and there unless MLflow runs another operation than a cookie read for it; anywhere else a cookie alone is a
//    401. Its policy's context names the operation the request reaches (empty when none).
//  - IAM policies (the `/api/` surface) agree exactly wherever the reference routes the request to an operation,
//    except on the role's declared SigV4 exceptions, which they deny; they deny the malformed classes explicitly;
//    elsewhere (MLflow routes the request nowhere, or it spells an unreserved character as an escape, which clients
//    never do) they may allow only what MLflow itself would run as a granted operation, or nothing.
//  - The trailing-slash class: API Gateway hands MLflow the path without a trailing slash (`{proxy}` drops it),
//    so a request `P/` may run what `P` runs. No enforcement point may allow `P/` when MLflow would run an
//    operation for `P` that the caller lacks.
//  - A result API Gateway cached for request A, judged on request B, allows B only if B has A's method and path,
//    and then decides B as a fresh call does.
import { CATALOGUE, COOKIE_OPERATIONS } from '@mlflow-authz/core';
import { referenceRoute } from '../reference/reference-router.js';
import { servedByCookieAuthorizer } from './cookie-routes.js';
import { isMalformed } from './malformed.js';

/** A request as API Gateway reports it (path without the query string). */
export interface Request {
  readonly method: string;
  readonly path: string;
}

export type Effect = 'allow' | 'deny';

/** The authorizer's answer: a policy of one statement (Allow or Deny) with the operation in its context, or a 401. */
export type AuthorizerOutcome = { readonly kind: Effect; readonly operation: string } | { readonly kind: 'unauthorized' };

/** How a browser request carries the caller's (valid) token, if at all. */
export type Credential = 'bearer' | 'cookie' | 'none';

/** What the IAM policies must decide: `explicit-deny` requires a matching Deny; `either` accepts both. */
export type IamExpected = 'allow' | 'deny' | 'explicit-deny' | 'either';

/** The IAM oracle's outcomes (test/oracle/). */
export type IamDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** Which clause of the contract a request falls in, for counting how often each was exercised. */
export type Branch = 'routed' | 'malformed' | 'unrouted';

const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set(CATALOGUE.filter((op) => op.public === true).map((op) => op.id));

/** The operation MLflow runs for the path as written (null: none, or a path the gateway must refuse). */
export function mlflowOperation(request: Request): string | null {
  return referenceRoute(CATALOGUE, request.method, request.path);
}

/** Whether the operation is public: the UI shell, which anyone may load without a token. */
export function isPublicOperation(operation: string | null): boolean {
  return operation !== null && PUBLIC_OPERATIONS.has(operation);
}

/** The clause that applies to a request. */
export function branchOf(request: Request): Branch {
  if (mlflowOperation(request) !== null) return 'routed';
  return isMalformed(request.path) ? 'malformed' : 'unrouted';
}

/** Whether the path ends in a slash API Gateway drops before MLflow sees it (the trailing-slash class). */
export function hasTrailingSlash(path: string): boolean {
  return path.length > 1 && path.endsWith('/');
}

/**
 * What MLflow itself would run for any of the spellings the request may reach it as — the path as written, and
 * without a trailing slash — reading escapes of unreserved characters as MLflow does (`%73` → `s`) and keeping a
 * bad escape as written. Null entries are left out.
 */
export function operationsMlflowMayRun(request: Request): string[] {
  const spellings = hasTrailingSlash(request.path) ? [request.path, request.path.slice(0, -1)] : [request.path];
  return spellings.flatMap((path) => {
    const op = referenceRoute(CATALOGUE, request.method, path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'), { decodeUnreserved: true });
    return op === null ? [] : [op];
  });
}

/** Whether the trailing-slash class forbids allowing the request: without the slash, MLflow runs something not granted. */
function slashStripRunsUngranted(request: Request, granted: ReadonlySet<string>): boolean {
  if (!hasTrailingSlash(request.path)) return false;
  const stripped = referenceRoute(CATALOGUE, request.method, request.path.slice(0, -1));
  return stripped !== null && !granted.has(stripped) && !isPublicOperation(stripped);
}

/**
 * What permissions.yaml alone says of a request on either surface (what `authz explain` answers): the operation
 * MLflow runs for it (null: none), and whether a caller holding `granted` may run it — public operations anyone,
 * and never where the trailing-slash class forbids it.
 */
export function permitted(granted: ReadonlySet<string>, request: Request): { readonly operation: string | null; readonly allowed: boolean } {
  const operation = mlflowOperation(request);
  const allowed = operation !== null && (isPublicOperation(operation) || granted.has(operation)) && !slashStripRunsUngranted(request, granted);
  return { operation, allowed };
}

/**
 * What the authorizer must answer for a browser request from a caller holding `granted` (the union of its roles'
 * operations) whose valid token comes as `credential`. `arn` is the request the event's methodArn names
 * (normally the request itself).
 */
export function authorizerExpected(granted: ReadonlySet<string>, credential: Credential, request: Request, arn: Request = request): AuthorizerOutcome {
  const refused = arn.method !== request.method || arn.path !== request.path || /[*?]/.test(arn.path) || request.path.startsWith('/api/');
  const operation = refused ? null : mlflowOperation(request);
  if (isPublicOperation(operation)) return { kind: 'allow', operation: operation as string };
  if (credential === 'none') return { kind: 'unauthorized' };
  if (credential === 'cookie' && !cookieAuthenticates(request, operation)) return { kind: 'unauthorized' };
  return { kind: operation !== null && permitted(granted, request).allowed ? 'allow' : 'deny', operation: operation ?? '' };
}

/**
 * Whether the token cookie identifies the caller: only where the cookie authorizer serves the request (GET or
 * HEAD on a cookie operation's browser route, as API Gateway matches it), and there unless MLflow would run
 * another operation than a cookie read for it. A request no role may make (refused, malformed, routed nowhere)
 * then gets its deny (403), as with the header.
 */
function cookieAuthenticates(request: Request, operation: string | null): boolean {
  if (!servedByCookieAuthorizer(request)) return false;
  return operation === null || COOKIE_OPERATIONS.has(operation);
}

/**
 * What the IAM policies of a principal holding `granted` must decide for a SigV4 request; `declaredException`:
 * whether one of the role's declared SigV4 exceptions covers it (then a request the role may call is denied).
 */
export function iamExpected(granted: ReadonlySet<string>, request: Request, declaredException = false): IamExpected {
  if (!request.path.startsWith('/api/')) return 'deny';
  if (isMalformed(request.path)) return 'explicit-deny';
  const { operation, allowed } = permitted(granted, request);
  if (operation !== null) return allowed && !declaredException ? 'allow' : 'deny';
  return operationsMlflowMayRun(request).every((op) => granted.has(op)) ? 'either' : 'deny';
}

/** Whether an IAM decision meets what the contract expects. */
export function iamAgrees(expected: IamExpected, actual: IamDecision): boolean {
  switch (expected) {
    case 'either':
      return true;
    case 'allow':
      return actual === 'allow';
    case 'deny':
      return actual !== 'allow';
    case 'explicit-deny':
      return actual === 'explicit-deny';
  }
}

/**
 * The result cached for request `first`, judged on `request` (as API Gateway judges a later request served from
 * its cache, whatever its key): a violation of the cache clause, or null.
 */
export function cachedViolation(cached: Effect, fresh: Effect, first: Request, request: Request): string | null {
  const same = first.method === request.method && first.path === request.path;
  if (same) return cached === fresh ? null : `cached ${cached} for the same request, fresh ${fresh}`;
  return cached === 'deny' ? null : `the result cached for ${first.method} ${first.path} allows another request`;
}

/** `expected` and `actual` authorizer outcomes as one comparable string (`allow GetRun`, `deny`, `401`). */
export function showOutcome(outcome: AuthorizerOutcome): string {
  return outcome.kind === 'unauthorized' ? '401' : `${outcome.kind} ${outcome.operation || '(no operation)'}`;
}

/** Whether two authorizer outcomes are the same answer (same effect and operation, or both 401). */
export function sameOutcome(a: AuthorizerOutcome, b: AuthorizerOutcome): boolean {
  return showOutcome(a) === showOutcome(b);
}
