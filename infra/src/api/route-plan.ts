import type { ApiRoute } from '@mlflow-authz/authorizer/deployment';
import { cookieRoutes, publicRoutes } from '@mlflow-authz/authorizer/deployment';
import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE, IAM_PATH_PREFIX } from '@mlflow-authz/core';

/** How API Gateway authorizes a route. */
export type RouteAuthorization =
  /** Nobody is asked: the UI shell and the login configuration. */
  | 'none'
  /** The Lambda authorizer with the `Authorization` header as identity source. */
  | 'bearer'
  /** The same Lambda with the `Cookie` header as identity source (artifact reads without JavaScript). */
  | 'cookie'
  /** SigV4 and the caller's IAM policies (`/api/`), plus the API's resource-policy guard. */
  | 'iam';

/** One API Gateway method: a resource path in API Gateway's syntax, a method, its authorization and target. */
export interface PlannedRoute {
  readonly resourcePath: string;
  readonly method: string;
  readonly authorization: RouteAuthorization;
  /** `mlflow`: proxied to the MLflow service; `login-config`: the login configuration document. */
  readonly target: 'mlflow' | 'login-config';
}

/** The login configuration document, relative to the UI's base URL (ui-patch fetches `./mlflow-login.json`). */
export const LOGIN_CONFIG_PATH = '/mlflow-login.json';

// A deployed route proxied to MLflow.
function mlflowRoute(route: ApiRoute, authorization: RouteAuthorization): PlannedRoute {
  return { resourcePath: route.resourcePath, method: route.method, authorization, target: 'mlflow' };
}

/**
 * Every method of the REST API. `/{proxy+}` (bearer) and `/api/{proxy+}` (IAM) take everything else; API Gateway
 * picks the most specific resource that has the request's method, so the public and cookie methods below take
 * only their own method on their own path. There is no `ANY /`: `{proxy+}` does not match `/`, and `/` has
 * only the public `GET`.
 */
export function planRoutes(catalogue: readonly Operation[] = CATALOGUE): readonly PlannedRoute[] {
  // The public and cookie routes are the authorizer's deployment facts: the catalogue's UI shell, and the four
  // artifact reads whose answers the authorizer decides on the cookie.
  const open = publicRoutes(catalogue);
  if (!open.some((route) => route.method === 'GET' && route.resourcePath === '/')) {
    throw new Error('the catalogue marks no public GET / (the UI shell): the UI could not load before anyone logs in');
  }
  const planned: PlannedRoute[] = [
    ...open.map((route) => mlflowRoute(route, 'none')),
    { resourcePath: LOGIN_CONFIG_PATH, method: 'GET', authorization: 'none', target: 'login-config' },
    ...cookieRoutes(catalogue).map((route) => mlflowRoute(route, 'cookie')),
    { resourcePath: '/{proxy+}', method: 'ANY', authorization: 'bearer', target: 'mlflow' },
    { resourcePath: `${IAM_PATH_PREFIX}{proxy+}`, method: 'ANY', authorization: 'iam', target: 'mlflow' },
  ];
  const unique = new Map<string, PlannedRoute>();
  for (const route of planned) {
    const key = `${route.method} ${route.resourcePath}`;
    const existing = unique.get(key);
    if (existing !== undefined && existing.authorization !== route.authorization) {
      throw new Error(`${key} is planned both as ${existing.authorization} and as ${route.authorization}`);
    }
    unique.set(key, route);
  }
  return [...unique.values()];
}
