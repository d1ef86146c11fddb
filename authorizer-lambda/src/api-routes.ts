// The API Gateway resources around this authorizer that it must know itself: the routes served without it (the
// public operations) and the routes its second instance serves, keyed on the Cookie header (the cookie routes).
// Infra builds its REST API from these lists and local mode emulates API Gateway with them, so the authorizer's
// idea of which instance serves a request is the deployment's. No I/O, no AWS imports.
import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE, COOKIE_METHODS, COOKIE_OPERATIONS, IAM_PATH_PREFIX } from '@mlflow-authz/core';

/** A catalogue route as an API Gateway method: the operation, the HTTP method, the route and its resource. */
export interface ApiRoute {
  readonly operation: string;
  readonly method: string;
  /** The route as MLflow registers it, e.g. `/static-files/<path:path>`. */
  readonly template: string;
  /** The API Gateway resource path that serves exactly it, e.g. `/static-files/{proxy+}`. */
  readonly resourcePath: string;
}

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

/**
 * True when API Gateway sends `path` (stage removed) to the resource `resourcePath`: literal segments exactly,
 * `{x}` one non-empty segment, `{x+}` one or more segments; trailing slashes are ignored, as API Gateway's resource
 * matching ignores them (`../shared/notes/aws-semantics.md` Q6).
 */
export function resourcePathMatches(resourcePath: string, path: string): boolean {
  const want = resourcePath.split('/');
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  const have = path.slice(0, end).split('/');
  for (let i = 1; i < want.length; i++) {
    const segment = want[i] as string;
    if (segment.endsWith('+}')) return have.length > i && have.slice(i).join('/') !== '';
    if (i >= have.length) return false;
    if (segment.startsWith('{')) {
      if (have[i] === '') return false;
    } else if (segment !== have[i]) return false;
  }
  return want.length === have.length;
}

/** The public operations (the UI shell: `op.public` in the catalogue), as API Gateway resources served without any authorizer. */
export function publicRoutes(catalogue: readonly Operation[] = CATALOGUE): ApiRoute[] {
  return browserRoutes(catalogue.filter((op) => op.public === true), (method) => [method]);
}

/**
 * The routes of the cookie authorizer (the same function, keyed on the `Cookie` header): the browser-surface
 * routes of the cookie operations (`<img src>`, download links), for each cookie method (GET, HEAD). Throws if a
 * cookie operation is missing from `catalogue` (a catalogue change to review).
 */
export function cookieRoutes(catalogue: readonly Operation[] = CATALOGUE): ApiRoute[] {
  for (const id of COOKIE_OPERATIONS) if (!catalogue.some((op) => op.id === id)) throw new Error(`cookie operation ${id} is not in the catalogue`);
  const operations = catalogue.filter((op) => COOKIE_OPERATIONS.has(op.id));
  return browserRoutes(operations, (method) => (COOKIE_METHODS.has(method) ? [...COOKIE_METHODS] : []));
}

// Each operation's routes outside /api/ (SigV4's), as the given methods' resources, once each.
function browserRoutes(operations: readonly Operation[], methods: (method: string) => readonly string[]): ApiRoute[] {
  const routes = new Map<string, ApiRoute>();
  for (const op of operations) {
    for (const route of op.routes) {
      if (route.path.startsWith(IAM_PATH_PREFIX)) continue;
      const resourcePath = resourcePathOf(route.path);
      for (const method of methods(route.method)) {
        const key = `${method} ${resourcePath}`;
        if (!routes.has(key)) routes.set(key, { operation: op.id, method, template: route.path, resourcePath });
      }
    }
  }
  return [...routes.values()];
}

const COOKIE_ROUTES = cookieRoutes();

/**
 * True when API Gateway serves `method path` (stage removed) with the cookie authorizer: a cookie method on the
 * resource of a cookie route. The authorizer answers such a request on its `Cookie` header (the cache key there).
 */
export function onCookieRoute(method: string, path: string): boolean {
  if (!COOKIE_METHODS.has(method)) return false;
  for (const route of COOKIE_ROUTES) if (route.method === method && resourcePathMatches(route.resourcePath, path)) return true;
  return false;
}
