// API Gateway resources as the local gateway matches requests to them. Which routes exist (public, cookie
// authorizer) and how API Gateway matches a path to a resource come from `@mlflow-authz/authorizer/deployment`, the
// facts infra builds the deployed REST API from.
import type { ApiRoute } from '@mlflow-authz/authorizer/deployment';
import { resourcePathMatches } from '@mlflow-authz/authorizer/deployment';

/** An API Gateway resource path (`/a/{id}/b`, `/x/{proxy+}`) with the methods defined on it. */
export interface ApiResource {
  readonly path: string;
  readonly methods: ReadonlySet<string>;
}

/** True when `method rawPath` (stage removed) reaches `resource`, as API Gateway matches resources. */
export function resourceMatches(resource: ApiResource, method: string, rawPath: string): boolean {
  return resource.methods.has(method) && resourcePathMatches(resource.path, rawPath);
}

/** True when some resource matches. */
export function anyResourceMatches(resources: readonly ApiResource[], method: string, rawPath: string): boolean {
  return resources.some((r) => resourceMatches(r, method, rawPath));
}

/** Deployed routes (one method on one resource each) as resources with their methods, sorted by path. */
export function resourcesOf(routes: readonly ApiRoute[]): ApiResource[] {
  const methods = new Map<string, Set<string>>();
  for (const route of routes) {
    const set = methods.get(route.resourcePath) ?? new Set<string>();
    set.add(route.method);
    methods.set(route.resourcePath, set);
  }
  return [...methods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, set]) => ({ path, methods: set }));
}
