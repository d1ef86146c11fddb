// The deciders of the parity proof for one set of artifacts: the reference (permissions.yaml read independently,
// judged by the decision contract), the authorizer Lambda end to end (a signed Cognito token in, as a bearer header
// or as the token cookie; its policy out, judged by the IAM oracle against the methodArn: fresh, and as API
// Gateway would reuse a cached result), and each role's IAM policies (judged by the oracle against the SigV4
// resource ARN), with its declared SigV4 exceptions. Keys are preloaded, as `JWKS_JSON` does: no fetch, so no
// answer depends on timing, and a 401 is always a finding, never a slow JWKS endpoint.
import type { AuthorizerResult } from '@mlflow-authz/authorizer';
import { UNAUTHORIZED } from '@mlflow-authz/authorizer';
import type { TestAuthorizer, TestKey } from '@mlflow-authz/authorizer/testing';
import { bearer, groupTokens, jwksOf, methodArnFor, requestEvent, tableWithTtl, testAuthorizer } from '@mlflow-authz/authorizer/testing';
import { CATALOGUE, TOKEN_COOKIE_NAME } from '@mlflow-authz/core';
import type { AuthorizerOutcome, Credential, Effect, IamDecision, Request } from '../contract/index.js';
import type { OraclePolicy } from '../oracle/iam-evaluator.js';
import { evaluate } from '../oracle/iam-evaluator.js';
import type { ReferenceModel } from '../reference/index.js';
import { referenceModel, rightsOfGroups } from '../reference/index.js';
import type { Artifacts } from './artifacts.js';
import { DEPLOYMENT } from './artifacts.js';

/** The deciders over one set of artifacts; tokens are minted once per group set. */
export class EnforcementPoints {
  readonly model: ReferenceModel;
  private readonly fresh: TestAuthorizer;
  private readonly cached: TestAuthorizer;
  private readonly token: (groups: readonly string[]) => string;
  private readonly cachedResults = new Map<string, AuthorizerResult | null>();
  private readonly anonymous = new Map<string, AuthorizerOutcome>();

  constructor(
    readonly artifacts: Artifacts,
    key: TestKey,
  ) {
    this.token = groupTokens(key);
    this.model = referenceModel(artifacts.yaml, CATALOGUE);
    const jwks = jwksOf(key);
    this.fresh = testAuthorizer({ mode: 'cognito', jwks, table: tableWithTtl(0, artifacts.table) });
    const ttl = Math.max(artifacts.table.authorizerCacheTtlSeconds, 300);
    this.cached = testAuthorizer({ mode: 'cognito', jwks, table: tableWithTtl(ttl, artifacts.table) });
  }

  /** Cognito groups bound to a role in permissions.yaml (as the reference reads it). */
  groupsOf(role: string): string[] {
    return [...this.model.roleOfGroup].filter(([, r]) => r === role).map(([group]) => group);
  }

  /** The operations a user in `groups` holds (unknown groups grant nothing), as the reference reads permissions.yaml. */
  rightsOfGroups(groups: readonly string[]): ReadonlySet<string> {
    return rightsOfGroups(this.model, groups);
  }

  /** The operations an IAM principal holding `role` holds. */
  rightsOfRole(role: string): ReadonlySet<string> {
    return this.model.rights.get(role) ?? new Set();
  }

  /**
   * The authorizer with cache TTL 0, for a user in `groups` whose token comes as `credential`: its answer for the
   * event of `request` whose methodArn names `arn`, judged on that methodArn.
   */
  async authorizer(groups: readonly string[], credential: Credential, request: Request, arn: Request = request): Promise<AuthorizerOutcome> {
    if (credential !== 'none') return outcomeOf(await this.call(this.fresh, groups, credential, request, arn), arn);
    // Without a token the event is all the handler sees (and TTL 0 keeps nothing): the exhaustive proof asks the
    // same anonymous question once per role, so each is asked of the handler once.
    const key = `${request.method} ${request.path}\n${arn.method} ${arn.path}`;
    let outcome = this.anonymous.get(key);
    if (outcome === undefined) {
      outcome = outcomeOf(await this.call(this.fresh, [], 'none', request, arn), arn);
      if (this.anonymous.size >= 100_000) this.anonymous.clear();
      this.anonymous.set(key, outcome);
    }
    return outcome;
  }

  /**
   * The authorizer with cache TTL > 0: the result returned for request `first` (bearer token), judged on `request`'s
   * methodArn, as API Gateway judges a later request served from the cache (whatever its key). A 401 for `first`
   * caches nothing: then `request` invokes the authorizer itself, and null is returned.
   */
  async authorizerCached(groups: readonly string[], first: Request, request: Request): Promise<Effect | null> {
    const key = `${groups.join(',')}\n${first.method} ${first.path}`;
    let result = this.cachedResults.get(key);
    if (result === undefined) {
      result = await this.call(this.cached, groups, 'bearer', first, first);
      this.cachedResults.set(key, result);
    }
    return result === null ? null : judge(result, request);
  }

  /** The deny resources of `role`'s declared SigV4 exceptions, as one policy for the oracle (none: empty). */
  exceptionPolicy(role: string): OraclePolicy[] {
    const resources = (this.artifacts.exceptions.get(role) ?? []).map((e) => `${this.stagePrefix()}${e.resource}`);
    return resources.length === 0 ? [] : [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: resources }] }];
  }

  /** Whether one of `role`'s declared SigV4 exceptions covers a request on the IAM surface. */
  declaredException(role: string, request: Request): boolean {
    const policy = this.exceptionPolicy(role);
    return policy.length > 0 && evaluate(policy, 'execute-api:Invoke', `${this.stagePrefix()}${request.method}${request.path}`) === 'explicit-deny';
  }

  /** The IAM decision for a SigV4 request of a principal holding `role`'s generated policies (shared ones included). */
  iam(role: string, request: Request): IamDecision {
    return evaluate(this.artifacts.iam.get(role) ?? [], 'execute-api:Invoke', `${this.stagePrefix()}${request.method}${request.path}`);
  }

  // The handler's result, or null for a 401 (exactly `Unauthorized`: anything else it throws is a finding).
  private async call(authorizer: TestAuthorizer, groups: readonly string[], credential: Credential, request: Request, arn: Request): Promise<AuthorizerResult | null> {
    const token = this.token(groups);
    const headers = credential === 'bearer' ? bearer(token) : credential === 'cookie' ? { Cookie: `${TOKEN_COOKIE_NAME}=${token}` } : {};
    try {
      return await authorizer.handler(requestEvent(request.method, request.path, headers, { methodArn: methodArnFor(arn.method, arn.path) }));
    } catch (error) {
      if (error instanceof Error && error.message === UNAUTHORIZED) return null;
      throw error;
    }
  }

  private stagePrefix(): string {
    return `arn:${DEPLOYMENT.Partition}:execute-api:${DEPLOYMENT.Region}:${DEPLOYMENT.Account}:${DEPLOYMENT.ApiId}/${this.artifacts.table.apiStageName}/`;
  }
}

/** The policy judged by the oracle on the request's methodArn: API Gateway's verdict. */
function judge(result: AuthorizerResult, request: Request): Effect {
  return evaluate([result.policyDocument], 'execute-api:Invoke', methodArnFor(request.method, request.path)) === 'allow' ? 'allow' : 'deny';
}

function outcomeOf(result: AuthorizerResult | null, arn: Request): AuthorizerOutcome {
  if (result === null) return { kind: 'unauthorized' };
  return { kind: judge(result, arn), operation: result.context['operation'] ?? '' };
}
