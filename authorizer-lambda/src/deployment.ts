// How API Gateway must be set up around this authorizer (`@mlflow-authz/authorizer/deployment`, for infra and for
// the local emulation of API Gateway): its identity sources, its cache TTL, the routes that need no authorizer.
// No AWS imports: infra passes these strings to aws-cdk-lib's RequestAuthorizer as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, GENERATED_FILES } from '@mlflow-authz/core';

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
 * Identity sources of the second authorizer (same function) on the four cookie routes (`<img src>`, downloads):
 * with caching on, API Gateway answers 401 without calling the Lambda when an identity source is missing, and
 * those requests carry no `Authorization` header.
 */
export const COOKIE_IDENTITY_SOURCES = ['method.request.header.Cookie', ...REQUEST_KEY_SOURCES] as const;

/** A route that infra serves without any authorizer: anyone may call it, with a token or without. */
export interface PublicRoute {
  readonly operation: string;
  readonly method: string;
  /** The route as MLflow registers it, e.g. `/static-files/<path:path>`. */
  readonly template: string;
  /** The API Gateway resource path that serves exactly it, e.g. `/static-files/{proxy+}`. */
  readonly resourcePath: string;
}

/** The catalogue's public operations (the UI shell), as API Gateway resources. */
export function publicRoutes(): PublicRoute[] {
  return CATALOGUE.filter((op) => op.public === true).flatMap((op) =>
    op.routes.map((route) => ({
      operation: op.id,
      method: route.method,
      template: route.path,
      resourcePath: route.path.replace(/<path:[^>]+>$/, '{proxy+}').replace(/<(?:[a-z]+:)?([^>]+)>/g, '{$1}'),
    })),
  );
}

/** What infra reads from generated/ to deploy the authorizer. */
export interface AuthorizerDeployment {
  /** API Gateway's `authorizerResultTtlInSeconds` (0 turns the cache off; at most 3600). */
  readonly cacheTtlSeconds: number;
  readonly stageName: string;
  readonly policyVersion: string;
  readonly bearerIdentitySources: readonly string[];
  readonly cookieIdentitySources: readonly string[];
  readonly publicRoutes: readonly PublicRoute[];
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
  };
}

/** The deployment facts of the project at `root`, from its generated/authorizer/permissions.json. */
export function readAuthorizerDeployment(root: string): AuthorizerDeployment {
  return authorizerDeployment(JSON.parse(readFileSync(join(root, GENERATED_FILES.authorizerTable), 'utf8')) as AuthorizerTable);
}
