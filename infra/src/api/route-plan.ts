import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE, IAM_PATH_PREFIX } from '@mlflow-authz/core';
import { COOKIE_METHODS, COOKIE_OPERATIONS } from './authorizer-deployment.js';
import { publicOperations } from './public-operations.js';

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

/**
 * A route template of the catalogue (Flask `<x>`, `<path:x>`; Starlette `{x}`, `{x:path}`) as an API Gateway
 * resource path: a path-converter variable, which spans segments, must be last and becomes `{proxy+}`.
 */
export function resourcePathOf(template: string): string {
  const segments = template.split('/').slice(1);
  return (
    '/' +
    segments
      .map((segment, i) => {
        const variable = /^<(?:(\w+):)?(\w+)>$/.exec(segment) ?? /^\{(\w+)(?::(\w+))?\}$/.exec(segment);
        if (variable === null) {
          if (/[<>{}]/.test(segment)) throw new Error(`route ${template}: segment ${segment} is not a whole variable`);
          return segment;
        }
        const [converter, name] = segment.startsWith('<') ? [variable[1], variable[2]] : [variable[2], variable[1]];
        if (converter === 'path') {
          if (i !== segments.length - 1) throw new Error(`route ${template}: a path variable must be the last segment`);
          return '{proxy+}';
        }
        return `{${name}}`;
      })
      .join('/')
  );
}

function routesOf(operations: readonly Operation[], methods: (method: string) => readonly string[], authorization: RouteAuthorization): PlannedRoute[] {
  return operations.flatMap((operation) =>
    operation.routes
      .filter((route) => !route.path.startsWith(IAM_PATH_PREFIX))
      .flatMap((route) => methods(route.method).map((method) => ({ resourcePath: resourcePathOf(route.path), method, authorization, target: 'mlflow' as const }))),
  );
}

/**
 * Every method of the REST API. `/{proxy+}` (bearer) and `/api/{proxy+}` (IAM) take everything else; API Gateway
 * picks the most specific resource that has the request's method, so the public and cookie methods below take
 * only their own method on their own path. There is no `ANY /`: `{proxy+}` does not match `/`, and `/` has
 * only the public `GET`.
 */
export function planRoutes(catalogue: readonly Operation[] = CATALOGUE): readonly PlannedRoute[] {
  const cookieOperations = COOKIE_OPERATIONS.map((id) => {
    const operation = catalogue.find((o) => o.id === id);
    if (operation === undefined) throw new Error(`cookie operation ${id} is not in the catalogue`);
    return operation;
  });
  const planned: PlannedRoute[] = [
    ...routesOf(publicOperations(catalogue), (method) => [method], 'none'),
    { resourcePath: LOGIN_CONFIG_PATH, method: 'GET', authorization: 'none', target: 'login-config' },
    ...routesOf(cookieOperations, (method) => (COOKIE_METHODS.includes(method) || method === 'GET' ? COOKIE_METHODS : []), 'cookie'),
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
