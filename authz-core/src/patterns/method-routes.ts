import type { Operation, RouteSpec } from '../catalogue/types.js';

/** A catalogue route that answers one request method, with the operation it belongs to. */
export interface MethodRoute {
  readonly operation: Operation;
  readonly route: RouteSpec;
}

/**
 * The routes that answer `method`, in catalogue order: a route's own method, and HEAD for Flask GET rules
 * (Werkzeug adds it; FastAPI's routes do not, so HEAD falls through to Flask).
 */
export function routesAnswering(catalogue: readonly Operation[], method: string): MethodRoute[] {
  const routes: MethodRoute[] = [];
  for (const operation of catalogue) {
    for (const route of operation.routes) {
      if (route.method === method || (method === 'HEAD' && route.method === 'GET' && route.engine === 'flask')) {
        routes.push({ operation, route });
      }
    }
  }
  return routes;
}

/** Every method some route answers (HEAD included when a Flask GET rule exists), in a fixed order. */
export function routedMethods(catalogue: readonly Operation[]): string[] {
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return order.filter((method) => routesAnswering(catalogue, method).length > 0);
}
