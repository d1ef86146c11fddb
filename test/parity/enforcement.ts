// The three deciders of the parity proof for one set of artifacts: the reference model (permissions.yaml read
// independently), the authorizer Lambda end to end (signed Cognito token in, policy out, judged by the IAM
// oracle against the request's methodArn: fresh, and as API Gateway would reuse a cached result), and each
// role's IAM policies (judged by the oracle against the SigV4 resource ARN), with its declared SigV4 exceptions.
import { CATALOGUE } from '@mlflow-authz/core';
import type { PolicyDocument } from '../../authorizer-lambda/src/policy.js';
import { bearer, methodArnFor, requestEvent } from '../../authorizer-lambda/test/events.js';
import type { TestAuthorizer } from '../../authorizer-lambda/test/harness.js';
import { tableWithTtl, testAuthorizer } from '../../authorizer-lambda/test/harness.js';
import type { TestKey } from '../../authorizer-lambda/test/keys.js';
import { cognitoIdClaims, signRs256 } from '../../authorizer-lambda/test/tokens.js';
import type { OraclePolicy } from '../oracle/iam-evaluator.js';
import { evaluate } from '../oracle/iam-evaluator.js';
import type { ReferenceModel } from '../reference/reference-model.js';
import { referenceAllowsGroups, referenceAllowsRoles, referenceModel } from '../reference/reference-model.js';
import type { Artifacts } from './artifacts.js';
import { DEPLOYMENT } from './artifacts.js';

export type Effect = 'allow' | 'deny';

/** A request as API Gateway reports it. */
export interface Request {
  readonly method: string;
  readonly path: string;
}

/** The deciders over one set of artifacts; tokens are minted once per group set. */
export class EnforcementPoints {
  readonly model: ReferenceModel;
  private readonly fresh: TestAuthorizer;
  private readonly cached: TestAuthorizer;
  private readonly tokens = new Map<string, string>();
  private readonly cachedResults = new Map<string, PolicyDocument | null>();

  constructor(
    readonly artifacts: Artifacts,
    private readonly key: TestKey,
    jwksUri: string,
  ) {
    this.model = referenceModel(artifacts.yaml, CATALOGUE);
    this.fresh = testAuthorizer({ mode: 'cognito', jwksUri, table: tableWithTtl(0, artifacts.table) });
    const ttl = Math.max(artifacts.table.authorizerCacheTtlSeconds, 300);
    this.cached = testAuthorizer({ mode: 'cognito', jwksUri, table: tableWithTtl(ttl, artifacts.table) });
  }

  /** Cognito groups bound to a role in permissions.yaml (as the reference reads it). */
  groupsOf(role: string): string[] {
    return [...this.model.roleOfGroup].filter(([, r]) => r === role).map(([group]) => group);
  }

  /** The reference decision for a user in `groups`. */
  reference(groups: readonly string[], request: Request): Effect {
    return referenceAllowsGroups(this.model, CATALOGUE, groups, request.method, request.path) ? 'allow' : 'deny';
  }

  /** The reference decision for an IAM principal holding `role`. */
  referenceForRole(role: string, request: Request): Effect {
    return referenceAllowsRoles(this.model, CATALOGUE, [role], request.method, request.path) ? 'allow' : 'deny';
  }

  /** The authorizer with cache TTL 0: this request's exact policy, judged on its methodArn; a 401 denies. */
  async authorizerFresh(groups: readonly string[], request: Request): Promise<Effect> {
    try {
      const result = await this.fresh.handler(requestEvent(request.method, request.path, bearer(this.token(groups))));
      return judge(result.policyDocument, request);
    } catch {
      return 'deny';
    }
  }

  /**
   * The authorizer with cache TTL > 0: the policy returned for request `first`, judged on `request`'s methodArn,
   * as API Gateway judges a later request served from the cache (whatever its key). A 401 for `first` caches no
   * policy: then `request` invokes the authorizer itself, and null is returned.
   */
  async authorizerCached(groups: readonly string[], first: Request, request: Request): Promise<Effect | null> {
    const key = `${groups.join(',')}\n${first.method} ${first.path}`;
    let policy = this.cachedResults.get(key);
    if (policy === undefined) {
      try {
        policy = (await this.cached.handler(requestEvent(first.method, first.path, bearer(this.token(groups))))).policyDocument;
      } catch {
        policy = null;
      }
      this.cachedResults.set(key, policy);
    }
    return policy === null ? null : judge(policy, request);
  }

  /** The authorizer asked without any token (a browser navigation): allowed only for public operations. */
  async authorizerAnonymous(request: Request): Promise<Effect> {
    try {
      return judge((await this.fresh.handler(requestEvent(request.method, request.path, {}))).policyDocument, request);
    } catch {
      return 'deny';
    }
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

  /** The IAM decision for a SigV4 request of a principal holding `role`'s generated policies. */
  iam(role: string, request: Request): Effect {
    const policies = this.artifacts.iam.get(role) ?? [];
    return evaluate(policies, 'execute-api:Invoke', `${this.stagePrefix()}${request.method}${request.path}`) === 'allow' ? 'allow' : 'deny';
  }

  private stagePrefix(): string {
    return `arn:${DEPLOYMENT.Partition}:execute-api:${DEPLOYMENT.Region}:${DEPLOYMENT.Account}:${DEPLOYMENT.ApiId}/${this.artifacts.table.apiStageName}/`;
  }

  private token(groups: readonly string[]): string {
    const key = groups.join(',');
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = signRs256(this.key, cognitoIdClaims(groups.length === 0 ? {} : { groups: [...groups] }));
      this.tokens.set(key, token);
    }
    return token;
  }
}

function judge(policy: PolicyDocument, request: Request): Effect {
  return evaluate([policy], 'execute-api:Invoke', methodArnFor(request.method, request.path)) === 'allow' ? 'allow' : 'deny';
}
