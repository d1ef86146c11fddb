// How API Gateway must be set up around this authorizer (`@mlflow-authz/authorizer/deployment`, for infra and for
// the local emulation of API Gateway): its identity sources, its cache TTL, the routes that need no authorizer and
// those the cookie authorizer serves.
// No AWS imports: infra passes these strings to aws-cdk-lib's RequestAuthorizer as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { GENERATED_FILES } from '@mlflow-authz/core';
import type { ApiRoute } from './api-routes.js';
import { cookieRoutes, publicRoutes } from './api-routes.js';

/**
 * What API Gateway caches an authorizer result under, besides the token: the request's method and path.
 * The authorizer returns a policy about exactly one request (its methodArn), so a result cached under the token
 * alone would deny the token's next request to any other path: that is safe, but the UI would break. With the
 * method and path in the key, a cached result is only ever reused for a request with the same methodArn.
 * (Query strings are not in the methodArn, and not in the key: `metrics/get-history?run_id=…` for any run is
 * one key.) Cache safety never rests on this key; only availability does.
 */
export const REQUEST_KEY_SOURCES = ['context.httpMethod', 'context.path'] as const;

/** Identity sources of the authorizer on every bearer-token route (`{proxy+}` and the rest). */
export const BEARER_IDENTITY_SOURCES = ['method.request.header.Authorization', ...REQUEST_KEY_SOURCES] as const;

/**
 * Identity sources of the second authorizer (same function) on the cookie routes (`cookieRoutes()`: `<img src>`,
 * downloads): with caching on, API Gateway answers 401 without calling the Lambda when an identity source is
 * missing, and those requests carry no `Authorization` header. There the authorizer decides on the `Cookie` header
 * alone whenever one is present, so its answer is a function of these sources (README.md, "Tokens").
 */
export const COOKIE_IDENTITY_SOURCES = ['method.request.header.Cookie', ...REQUEST_KEY_SOURCES] as const;

export type { ApiRoute } from './api-routes.js';
export { cookieRoutes, onCookieRoute, publicRoutes, resourcePathMatches, resourcePathOf } from './api-routes.js';

/** What infra reads from generated/ to deploy the authorizer. */
export interface AuthorizerDeployment {
  /** API Gateway's `authorizerResultTtlInSeconds` (0 turns the cache off; at most 3600). */
  readonly cacheTtlSeconds: number;
  readonly stageName: string;
  readonly policyVersion: string;
  readonly bearerIdentitySources: readonly string[];
  readonly cookieIdentitySources: readonly string[];
  /** Served without any authorizer. */
  readonly publicRoutes: readonly ApiRoute[];
  /** Served by the cookie authorizer (identity sources `cookieIdentitySources`); every other route by the bearer one. */
  readonly cookieRoutes: readonly ApiRoute[];
}

/** The deployment facts for a generated authorizer table. */
export function authorizerDeployment(table: AuthorizerTable): AuthorizerDeployment {
  return {
    cacheTtlSeconds: table.authorizerCacheTtlSeconds,
    stageName: table.apiStageName,
    policyVersion: table.policyVersion,
    bearerIdentitySources: BEARER_IDENTITY_SOURCES,
    cookieIdentitySources: COOKIE_IDENTITY_SOURCES,
    publicRoutes: publicRoutes(),
    cookieRoutes: cookieRoutes(),
  };
}

/** The deployment facts of the project at `root`, from its generated/authorizer/permissions.json. */
export function readAuthorizerDeployment(root: string): AuthorizerDeployment {
  return authorizerDeployment(JSON.parse(readFileSync(join(root, GENERATED_FILES.authorizerTable), 'utf8')) as AuthorizerTable);
}
