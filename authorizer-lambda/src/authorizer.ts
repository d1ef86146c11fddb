import type { AuthorizerTable, Decision, Router } from '@mlflow-authz/core';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { onCookieRoute } from './api-routes.js';
import { COOKIE_METHODS, COOKIE_OPERATIONS } from './cookie-operations.js';
import type { DecisionLogger } from './decision-log.js';
import { MalformedEventError, UNAUTHORIZED, unauthorized } from './errors.js';
import { GroupRoles } from './group-roles.js';
import type { Identity } from './identity.js';
import { identityFromPayload } from './identity.js';
import { MethodArnReader } from './method-arn.js';
import type { AuthorizerResult } from './policy.js';
import { exactPolicy } from './policy.js';
import type { AuthorizerRequest } from './request.js';
import { readRequest } from './request.js';
import type { ClassifiedRequest } from './request-decision.js';
import { RequestDecider } from './request-decision.js';
import { toInvalidTokenError } from './token-errors.js';
import type { TokenSource } from './token-source.js';
import { findToken } from './token-source.js';
import type { TokenVerifier } from './token-verifier.js';
import { verifyToken } from './token-verifier.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** What an authorizer is made of; everything that holds state (JWKS, verified tokens) lives here. */
export interface AuthorizerOptions {
  /** generated/authorizer/permissions.json. */
  readonly table: AuthorizerTable;
  readonly router: Router;
  readonly verifier: TokenVerifier;
  readonly logger: DecisionLogger;
  readonly tokenCache?: VerifiedTokenCache;
  /** Milliseconds since the epoch; replaced in tests to move past a token's `exp`. */
  readonly now?: () => number;
}

/** The Lambda handler: resolves with a policy (allow or explicit deny) or rejects with exactly `Unauthorized`. */
export type AuthorizerHandler = (event: unknown) => Promise<AuthorizerResult>;

// What is known about a request so far, for the log line of a request refused half-way.
interface Progress {
  readonly started: number;
  request: AuthorizerRequest | null;
  source: TokenSource | null;
}

/** principalId of a public operation's caller, who may have sent no token. */
export const ANONYMOUS = 'anonymous';

/**
 * Builds the REQUEST authorizer. A public operation (the UI shell) → Allow, whatever the token. Otherwise a
 * missing or invalid token → rejects with `Unauthorized` (401); a valid token → Allow or explicit Deny of
 * exactly this request's methodArn, whatever the cache TTL: a cached exact policy can only ever match a request
 * with the same methodArn, so it is right under any cache key (deployment.ts says which key keeps it useful).
 * The token is read from what keys the cache of the authorizer instance serving the request (the Cookie header on
 * the cookie routes, else Authorization), so an answer is a function of that instance's identity sources.
 * Every request writes one decision log line. No input makes it reject with anything but `Unauthorized`.
 */
export function createAuthorizer(options: AuthorizerOptions): AuthorizerHandler {
  const authorizer = new Authorizer(options);
  return (event) => authorizer.handle(event);
}

class Authorizer {
  private readonly table: AuthorizerTable;
  private readonly verifier: TokenVerifier;
  private readonly logger: DecisionLogger;
  private readonly now: () => number;
  private readonly tokenCache: VerifiedTokenCache;
  private readonly groupRoles: GroupRoles;
  private readonly decider: RequestDecider;
  private readonly arns = new MethodArnReader();

  constructor(options: AuthorizerOptions) {
    this.table = options.table;
    this.verifier = options.verifier;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.tokenCache = options.tokenCache ?? new VerifiedTokenCache();
    this.groupRoles = new GroupRoles(this.table.cognitoGroups);
    this.decider = new RequestDecider(options.router, this.table);
  }

  // Synchronous whenever the token's key is cached: no await, no extra promise, on the path every request takes.
  handle(event: unknown): Promise<AuthorizerResult> {
    const progress: Progress = { started: performance.now(), request: null, source: null };
    try {
      const outcome = this.authorize(event, progress);
      return outcome instanceof Promise ? outcome.catch((err: unknown) => Promise.reject(this.failure(err, progress))) : Promise.resolve(outcome);
    } catch (err) {
      return Promise.reject(this.failure(err, progress));
    }
  }

  private authorize(event: unknown, progress: Progress): AuthorizerResult | Promise<AuthorizerResult> {
    let request: AuthorizerRequest;
    try {
      request = readRequest(event, this.arns);
    } catch (err) {
      throw this.refuse(progress, `malformed event: ${err instanceof MalformedEventError ? err.reason : 'unreadable'}`);
    }
    progress.request = request;
    const classified = this.decider.classify(request);
    const open = this.decider.publicOperation(classified);
    if (open !== null) return this.respondPublic(request, classified, progress);
    const lookup = findToken(request, onCookieRoute(request.method, request.path), () => this.cookieAllowed(request, classified));
    if (lookup.kind === 'none') throw this.refuse(progress, lookup.reason);
    progress.source = lookup.source;

    const known = this.tokenCache.get(lookup.token, this.now() / 1000);
    if (known !== undefined) return this.respond(request, classified, known, progress);
    let verified: JwtPayload | Promise<JwtPayload>;
    try {
      verified = verifyToken(this.verifier, lookup.token);
    } catch (err) {
      throw this.refuse(progress, toInvalidTokenError(err).reason);
    }
    if (verified instanceof Promise) {
      return verified.then(
        (payload) => this.admit(payload, lookup.token, request, classified, progress),
        (err: unknown) => Promise.reject(this.refuse(progress, toInvalidTokenError(err).reason)),
      );
    }
    return this.admit(verified, lookup.token, request, classified, progress);
  }

  // A verified payload becomes an identity (or a 401 if its claims are unusable), remembered for the next request.
  private admit(payload: JwtPayload, token: string, request: AuthorizerRequest, classified: ClassifiedRequest, progress: Progress): AuthorizerResult {
    let identity: Identity;
    try {
      identity = identityFromPayload(payload, this.groupRoles, this.now() / 1000);
    } catch (err) {
      throw this.refuse(progress, toInvalidTokenError(err).reason);
    }
    this.tokenCache.add(token, identity);
    return this.respond(request, classified, identity, progress);
  }

  // The policy, and the context API Gateway caches with it: both are about this one request (its methodArn), so
  // `operation` is the operation this request runs, right for every later request the cached result can match.
  private respond(request: AuthorizerRequest, classified: ClassifiedRequest, identity: Identity, progress: Progress): AuthorizerResult {
    const decision = this.decider.decide(identity.roles, classified);
    this.log(progress, decision.effect, decision.reason, identity, decision);
    return {
      principalId: identity.sub,
      policyDocument: exactPolicy(decision.effect, request.methodArn),
      context: { username: identity.username, roles: identity.roleKey, operation: decision.operation ?? '', policyVersion: this.table.policyVersion },
    };
  }

  // A public operation: allowed without looking at the token (a browser navigation to the UI carries none).
  private respondPublic(request: AuthorizerRequest, classified: ClassifiedRequest, progress: Progress): AuthorizerResult {
    const decision = this.decider.decide([], classified);
    this.log(progress, decision.effect, decision.reason, null, decision);
    return {
      principalId: ANONYMOUS,
      policyDocument: exactPolicy(decision.effect, request.methodArn),
      context: { username: '', roles: '', operation: decision.operation ?? '', policyVersion: this.table.policyVersion },
    };
  }

  // The cookie authenticates a GET/HEAD on a cookie route unless MLflow would run another operation than the four
  // cookie reads for it. A request denied to everyone (refused, malformed, routed nowhere) is let through to its
  // deny, a 403 as with the header: the cookie proves who is asking, and no role set can turn that into an allow.
  private cookieAllowed(request: AuthorizerRequest, classified: ClassifiedRequest): boolean {
    if (!COOKIE_METHODS.has(request.method)) return false;
    if (classified.kind === 'refused' || classified.route.kind !== 'operation') return true;
    return COOKIE_OPERATIONS.has(classified.route.operation.id);
  }

  /** Logs a 401 and returns the error to throw. */
  private refuse(progress: Progress, reason: string): Error {
    this.log(progress, 'unauthorized', reason, null, null);
    return unauthorized();
  }

  // Anything thrown that is not our `Unauthorized` is a bug, not bad input: still a 401 (never a 500, never an
  // allow). The error's message is left out of the log: it may quote claim values of an unverified token.
  private failure(err: unknown, progress: Progress): Error {
    if (err instanceof Error && err.message === UNAUTHORIZED) return err;
    const frames = err instanceof Error ? (err.stack ?? '').split('\n').map((f) => f.trim()).filter((f) => f.startsWith('at ')).slice(0, 5) : [];
    this.logger.error('authorizer failed unexpectedly', { errorName: err instanceof Error ? err.name : typeof err, frames });
    return this.refuse(progress, 'internal error');
  }

  private log(
    progress: Progress,
    decision: 'allow' | 'deny' | 'unauthorized',
    reason: string,
    identity: Identity | null,
    routed: Decision | null,
  ): void {
    const { request } = progress;
    this.logger.decision({
      decision,
      reason,
      principal: identity?.sub ?? null,
      groups: identity?.groups ?? [],
      roles: identity?.roleKey ?? '',
      method: request?.method ?? null,
      path: request?.path ?? null,
      operation: routed?.operation ?? null,
      tokenSource: progress.source,
      policyVersion: this.table.policyVersion,
      apiRequestId: request?.apiRequestId ?? null,
      durationMs: Math.round((performance.now() - progress.started) * 1000) / 1000,
    });
  }
}
