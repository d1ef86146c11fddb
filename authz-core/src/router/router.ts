import type { Operation, RouteSpec } from '../catalogue/types.js';
import { HTTP_METHODS } from '../catalogue/types.js';
import type { MalformedReason } from './request-path.js';
import { parseRequestPath } from './request-path.js';
import { StarletteMatcher } from './starlette-matcher.js';
import { parseTemplate } from './template.js';
import { WerkzeugMatcher } from './werkzeug-matcher.js';

/** What the router concluded for one request. Anything but `operation` must be denied by the caller. */
export type RouteResult =
  | { readonly kind: 'operation'; readonly operation: Operation; readonly route: RouteSpec }
  | { readonly kind: 'no-route' }
  | { readonly kind: 'unsupported-method' }
  | { readonly kind: 'malformed'; readonly reason: MalformedReason };

/** The methods a request may carry to be routed at all; OPTIONS is answered by Flask itself, never by a view. */
export const ROUTABLE_METHODS: ReadonlySet<string> = new Set([...HTTP_METHODS, 'HEAD']);

const NO_ROUTE: RouteResult = Object.freeze({ kind: 'no-route' });
const UNSUPPORTED_METHOD: RouteResult = Object.freeze({ kind: 'unsupported-method' });

/**
 * Maps (method, raw path) to the MLflow operation `mlflow server` would dispatch to: the FastAPI routes first,
 * in registration order (Starlette), then the Flask app (Werkzeug). Operations must be given in the order
 * their routes are registered for the FastAPI routes' order to hold.
 */
export class Router {
  private readonly fastapi = new StarletteMatcher<RouteResult>();
  private readonly flask = new WerkzeugMatcher<RouteResult>();

  constructor(operations: readonly Operation[]) {
    for (const operation of operations) {
      for (const route of operation.routes) {
        const template = parseTemplate(route.path, route.engine);
        const result: RouteResult = Object.freeze({ kind: 'operation', operation, route });
        // Werkzeug answers HEAD with the GET rule; FastAPI's APIRoute does not, so HEAD falls through to Flask.
        if (route.engine === 'fastapi') this.fastapi.add(template, [route.method], result);
        else this.flask.add(template, route.method === 'GET' ? ['GET', 'HEAD'] : [route.method], result);
      }
    }
  }

  /** Routes one request; `path` is the raw request path without query string, as API Gateway reports it. */
  route(method: string, path: string): RouteResult {
    if (!ROUTABLE_METHODS.has(method)) return UNSUPPORTED_METHOD;
    const parsed = parseRequestPath(path);
    if (!parsed.ok) return malformed(parsed.reason);
    const segments = parsed.path.decoded;
    return this.fastapi.match(segments, method) ?? this.flask.match(segments, method) ?? NO_ROUTE;
  }
}

const MALFORMED = new Map<MalformedReason, RouteResult>();
function malformed(reason: MalformedReason): RouteResult {
  let result = MALFORMED.get(reason);
  if (result === undefined) {
    result = Object.freeze({ kind: 'malformed', reason });
    MALFORMED.set(reason, result);
  }
  return result;
}
