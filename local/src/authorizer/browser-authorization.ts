import type { GatewayRequest } from '../gateway/incoming.js';
import type { ApiResource } from '../gateway/api-resources.js';
import { anyResourceMatches } from '../gateway/api-resources.js';
import { evaluatePolicies, readPolicyDocument } from '../iam/policy.js';
import type { LocalApi } from '../local-api.js';
import { methodArn } from '../local-api.js';
import type { IdentityRequest } from './cache.js';
import { AuthorizerResultCache, identityKey } from './cache.js';
import type { BrowserIdentitySources } from './identity-sources.js';
import { requestEvent } from './request-event.js';

/** A Lambda REQUEST authorizer handler, e.g. the bundle's `handler`. */
export type LambdaAuthorizer = (event: unknown) => Promise<unknown>;

/** The parts of an authorizer's answer API Gateway uses: who, the policy (already checked), the context. */
export interface AuthorizerOutput {
  readonly principalId: string;
  readonly policy: ReturnType<typeof readPolicyDocument>;
  readonly context: Readonly<Record<string, string | number | boolean>>;
}

/** How API Gateway answers the browser request: what the client sees, and what the access log records. */
export type BrowserDecision =
  | { readonly kind: 'allow' | 'deny'; readonly explicit: boolean; readonly output: AuthorizerOutput; readonly cache: 'hit' | 'miss' | 'off' }
  /** 401: the authorizer threw `Unauthorized`, or (`cache: 'skipped'`) an identity source was missing. */
  | { readonly kind: 'unauthorized'; readonly cache: 'skipped' | 'miss' | 'off' }
  /** 500: the authorizer threw anything else or answered something API Gateway cannot use. */
  | { readonly kind: 'error'; readonly detail: string; readonly cache: 'miss' | 'off' };

/** What the browser authorization step needs. */
export interface BrowserAuthorizationOptions {
  readonly handler: LambdaAuthorizer;
  readonly api: LocalApi;
  readonly ttlSeconds: number;
  readonly identitySources: BrowserIdentitySources;
  /** The resources served by the cookie authorizer (the same function, keyed on the cookie). */
  readonly cookieResources: readonly ApiResource[];
  readonly now?: () => number;
}

/**
 * The browser surface of API Gateway: picks the authorizer of the request's resource, answers 401 without calling
 * it when caching is on and an identity source is missing, otherwise reuses a cached result for the same identity
 * key (or invokes the Lambda and caches its valid answer), and evaluates the policy against this request's
 * methodArn — a cached policy is re-evaluated for every request, as API Gateway does.
 */
export class BrowserAuthorization {
  private readonly bearerCache: AuthorizerResultCache<AuthorizerOutput>;
  private readonly cookieCache: AuthorizerResultCache<AuthorizerOutput>;

  constructor(private readonly options: BrowserAuthorizationOptions) {
    this.bearerCache = new AuthorizerResultCache(options.ttlSeconds, options.now);
    this.cookieCache = new AuthorizerResultCache(options.ttlSeconds, options.now);
  }

  async authorize(request: GatewayRequest): Promise<BrowserDecision> {
    const cookieRoute = anyResourceMatches(this.options.cookieResources, request.method, request.path);
    const cache = cookieRoute ? this.cookieCache : this.bearerCache;
    const sources = cookieRoute ? this.options.identitySources.cookie : this.options.identitySources.bearer;
    const arn = methodArn(this.options.api, request.method, request.path);
    let key: string | undefined;
    if (cache.enabled) {
      key = identityKey(sources, identityRequest(request));
      if (key === undefined) return { kind: 'unauthorized', cache: 'skipped' };
      const cached = cache.get(key);
      if (cached !== undefined) return judge(cached, arn, 'hit');
    }
    const state = cache.enabled ? 'miss' : 'off';
    let answer: unknown;
    try {
      answer = await this.options.handler(requestEvent(this.options.api, request));
    } catch (error) {
      if (error instanceof Error && error.message === 'Unauthorized') return { kind: 'unauthorized', cache: state };
      return { kind: 'error', detail: `authorizer failed: ${error instanceof Error ? error.message : String(error)}`, cache: state };
    }
    const output = readOutput(answer);
    if (typeof output === 'string') return { kind: 'error', detail: output, cache: state };
    if (key !== undefined) cache.set(key, output);
    return judge(output, arn, state);
  }

  /** Empties both authorizer caches. */
  flush(): void {
    this.bearerCache.flush();
    this.cookieCache.flush();
  }
}

function judge(output: AuthorizerOutput, arn: string, cache: 'hit' | 'miss' | 'off'): BrowserDecision {
  const outcome = evaluatePolicies([output.policy], 'execute-api:Invoke', arn);
  return { kind: outcome === 'allow' ? 'allow' : 'deny', explicit: outcome === 'explicit-deny', output, cache };
}

/** The answer checked as API Gateway checks it; a string says why it is unusable (→ 500). */
function readOutput(answer: unknown): AuthorizerOutput | string {
  if (typeof answer !== 'object' || answer === null) return 'authorizer answered no object';
  const { principalId, policyDocument, context } = answer as Record<string, unknown>;
  if (typeof principalId !== 'string') return 'authorizer answered no principalId';
  let policy;
  try {
    policy = readPolicyDocument(policyDocument);
  } catch (error) {
    return `authorizer policy unusable: ${(error as Error).message}`;
  }
  const values: Record<string, string | number | boolean> = {};
  if (context !== undefined && context !== null) {
    if (typeof context !== 'object') return 'authorizer context is not an object';
    for (const [k, v] of Object.entries(context)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return `authorizer context value ${k} is not a string, number or boolean`;
      values[k] = v;
    }
  }
  return { principalId, policy, context: values };
}

function identityRequest(request: GatewayRequest): IdentityRequest {
  return { headers: request.headers, query: request.query ?? {}, httpMethod: request.method, contextPath: request.stagePath };
}
