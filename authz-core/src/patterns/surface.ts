import type { RouteSpec } from '../catalogue/types.js';

/**
 * Which enforcement point a pattern set is for. API Gateway sends `/api/...` to the AWS_IAM resource (SigV4
 * callers, IAM policies) and every other path to the Lambda authorizer (browser users).
 */
export type Surface = 'iam' | 'browser';

/** The raw path prefix of the IAM surface. */
export const IAM_PATH_PREFIX = '/api/';

/** True when a request for `rawPath` is decided by `surface`'s enforcement point. */
export function pathOnSurface(rawPath: string, surface: Surface): boolean {
  return rawPath.startsWith(IAM_PATH_PREFIX) === (surface === 'iam');
}

/** True when a catalogue route is served through `surface`. */
export function routeOnSurface(route: RouteSpec, surface: Surface): boolean {
  return pathOnSurface(route.path, surface);
}
