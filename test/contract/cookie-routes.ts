// Which requests the cookie authorizer serves: API Gateway's resource matching of the browser routes of the
// catalogue's cookie operations (GET and HEAD), modelled here from the route templates, apart from the authorizer's
// own resource list (authorizer-lambda/src/api-routes.ts). A `<x>`/`{x}` parameter is one non-empty segment, a
// path parameter one or more characters after its slash, literal text exactly; trailing slashes are ignored.
import { CATALOGUE, COOKIE_METHODS, COOKIE_OPERATIONS } from '@mlflow-authz/core';
import { fillTemplate } from '../reference/fill-template.js';
import type { Request } from './decision.js';

const SEGMENT = '\u0000segment\u0000';
const REST = '\u0000rest\u0000';
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const COOKIE_RESOURCES: readonly RegExp[] = CATALOGUE.filter((op) => COOKIE_OPERATIONS.has(op.id))
  .flatMap((op) => op.routes.filter((r) => COOKIE_METHODS.has(r.method) && !r.path.startsWith('/api/')))
  .map((route) => {
    const filled = fillTemplate(route, (_name, kind) => (kind === 'path' ? REST : SEGMENT));
    return new RegExp(`^${escapeRegex(filled).replaceAll(SEGMENT, '[^/]+').replaceAll(REST, '.+')}$`, 's');
  });

/** Whether API Gateway sends the request to the cookie authorizer (keyed on the Cookie header). */
export function servedByCookieAuthorizer(request: Request): boolean {
  if (!COOKIE_METHODS.has(request.method)) return false;
  const path = request.path.replace(/(?<=.)\/+$/, '');
  return COOKIE_RESOURCES.some((resource) => resource.test(path));
}
