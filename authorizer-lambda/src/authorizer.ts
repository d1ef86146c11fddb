import type { Logger } from '@aws-lambda-powertools/logger';
import type { AuthorizerTable, Router } from '@mlflow-authz/core';
import { COOKIE_METHODS, COOKIE_OPERATIONS } from './cookie-operations.js';
import type { DecisionRecord } from './decision-log.js';
import { logDecision } from './decision-log.js';
import { MalformedEventError, UNAUTHORIZED, unauthorized } from './errors.js';
import { GroupRoles } from './group-roles.js';
import type { Identity } from './identity.js';
import { identityFromPayload } from './identity.js';
import { stageArn } from './method-arn.js';
import type { AuthorizerResult, PolicyDocument } from './policy.js';
import { exactPolicy } from './policy.js';
import type { AuthorizerRequest } from './request.js';
import { readRequest } from './request.js';
import { RequestDecider } from './request-decision.js';
import { toInvalidTokenError } from './token-errors.js';
import type { TokenSource } from './token-source.js';
import { findToken } from './token-source.js';
import type { TokenVerifier } from './token-verifier.js';
import { verifyToken } from './token-verifier.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import type { GrantStatements } from './whole-grant.js';
import { WholeGrantPolicies } from './whole-grant.js';

/** What an authorizer is made of; everything that holds state (JWKS, verified tokens, memoized policies) lives here. */
export interface AuthorizerOptions {
  /** generated/authorizer/permissions.json. */
  readonly table: AuthorizerTable;
  readonly router: Router;
  readonly verifier: TokenVerifier;
  /** Builds the whole-grant statements (authz-core's pattern builder, browser surface); used when the cache TTL > 0. */
  readonly grantStatements: GrantStatements;
  readonly logger: Logger;
  readonly tokenCache?: VerifiedTokenCache;
  /** Milliseconds since the epoch; replaced in tests to move past a token's `exp`. */
  readonly now?: () => number;
}

/** The Lambda handler: resolves with a policy (allow or explicit deny) or rejects with exactly `Unauthorized`. */
export type AuthorizerHandler = (event: unknown) => Promise<AuthorizerResult>;

/**
 * Builds the REQUEST authorizer. A missing or invalid token → throws `Unauthorized` (401); a valid token → a
 * policy: with cache TTL 0, Allow or Deny of exactly this methodArn; with TTL > 0, the role set's whole grant.
 * Every request writes one decision log line. No input makes it throw anything but `Unauthorized`.
 */
export function createAuthorizer(options: AuthorizerOptions): AuthorizerHandler {
  const { table, router, verifier, logger } = options;
  const now = options.now ?? Date.now;
  const tokenCache = options.tokenCache ?? new VerifiedTokenCache();
  const groupRoles = new GroupRoles(table.cognitoGroups);
  const decider = new RequestDecider(router, table);
  const wholeGrant = new WholeGrantPolicies(table, options.grantStatements);
  const cached = table.authorizerCacheTtlSeconds > 0;

  const cookieAllowed = (request: AuthorizerRequest): boolean => {
    if (!COOKIE_METHODS.has(request.method)) return false;
    const route = router.route(request.method, request.path);
    return route.kind === 'operation' && COOKIE_OPERATIONS.has(route.operation.id);
  };

  const finish = (started: number, record: Omit<DecisionRecord, 'durationMs' | 'policyVersion'>): void => {
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    logDecision(logger, { ...record, policyVersion: table.policyVersion, durationMs });
  };

  // What is known about the request so far, for the log line of a request refused half-way.
  interface Progress {
    readonly started: number;
    request: AuthorizerRequest | null;
    source: TokenSource | null;
  }

  const refuse = (progress: Progress, reason: string): Error => {
    const { request } = progress;
    finish(progress.started, {
      decision: 'unauthorized',
      reason,
      principal: null,
      username: null,
      groups: [],
      roles: [],
      method: request?.method ?? null,
      path: request?.path ?? null,
      operation: null,
      policy: null,
      tokenSource: progress.source,
      tokenCache: null,
      apiRequestId: request?.apiRequestId ?? null,
    });
    return unauthorized();
  };

  const authorize = async (event: unknown, progress: Progress): Promise<AuthorizerResult> => {
    let request: AuthorizerRequest;
    try {
      request = readRequest(event);
    } catch (err) {
      throw refuse(progress, `malformed event: ${err instanceof MalformedEventError ? err.reason : 'unreadable'}`);
    }
    progress.request = request;
    const lookup = findToken(request, () => cookieAllowed(request));
    if (lookup.kind === 'none') throw refuse(progress, lookup.reason);
    progress.source = lookup.source;

    let identity = tokenCache.get(lookup.token, now() / 1000);
    const cacheState = identity === undefined ? 'miss' : 'hit';
    if (identity === undefined) {
      try {
        const verified = verifyToken(verifier, lookup.token);
        identity = identityFromPayload(verified instanceof Promise ? await verified : verified, groupRoles);
      } catch (err) {
        throw refuse(progress, toInvalidTokenError(err).reason);
      }
      tokenCache.add(lookup.token, identity);
    }

    const decision = decider.decide(identity.roles, request);
    const policyDocument: PolicyDocument = cached
      ? wholeGrant.forRoles(stageArn(request.arn, table.apiStageName), identity.roleKey, identity.roles, lookup.source)
      : exactPolicy(decision.effect, request.methodArn);
    finish(progress.started, {
      decision: decision.effect,
      reason: decision.reason,
      principal: identity.sub,
      username: identity.username,
      groups: identity.groups,
      roles: identity.roles,
      method: request.method,
      path: request.path,
      operation: decision.operation,
      policy: cached ? 'whole-grant' : 'exact',
      tokenSource: lookup.source,
      tokenCache: cacheState,
      apiRequestId: request.apiRequestId ?? null,
    });
    return {
      principalId: identity.sub,
      policyDocument,
      context: authorizerContext(identity, cached ? '*' : (decision.operation ?? ''), table.policyVersion),
    };
  };

  return async (event) => {
    const progress: Progress = { started: performance.now(), request: null, source: null };
    try {
      return await authorize(event, progress);
    } catch (err) {
      if (err instanceof Error && err.message === UNAUTHORIZED) throw err;
      // A bug, not bad input: still a 401, never a 500, and never an allow. The error's message is left out of
      // the log: it may quote claim values of an unverified token.
      const frames = err instanceof Error ? (err.stack ?? '').split('\n').map((f) => f.trim()).filter((f) => f.startsWith('at ')).slice(0, 5) : [];
      logger.error('authorizer failed unexpectedly', { errorName: err instanceof Error ? err.name : typeof err, frames });
      throw refuse(progress, 'internal error');
    }
  };
}

/**
 * The context API Gateway passes on (`$context.authorizer.*`: access logs, integration headers). Cached with the
 * policy when TTL > 0, so `operation` is then `*`: the cached policy decides each later request itself.
 */
function authorizerContext(identity: Identity, operation: string, policyVersion: string): Record<string, string> {
  return { username: identity.username, roles: identity.roleKey, operation, policyVersion };
}
