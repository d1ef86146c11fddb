import type { Operation, RouteSpec } from '../catalogue/types.js';
import { HTTP_METHODS } from '../catalogue/types.js';
import type { MalformedReason, PathParseOptions } from './request-path.js';
import { parseRequestPath } from './request-path.js';
import { StarletteMatcher } from './starlette-matcher.js';
import type { ParsedTemplate } from './template.js';
import { isLiteralSegment, literalText, parseTemplate } from './template.js';
import { WerkzeugMatcher } from './werkzeug-matcher.js';

/** What the router concluded for one request. Anything but `operation` must be denied by the caller. */
export type RouteResult =
  | { readonly kind: 'operation'; readonly operation: Operation; readonly route: RouteSpec }
  | { readonly kind: 'no-route' }
  | { readonly kind: 'unsupported-method' }
  | { readonly kind: 'malformed'; readonly reason: MalformedReason };

/** The methods a request may carry to be routed at all; OPTIONS is answered by Flask itself, never by a view. */
export const ROUTABLE_METHODS: ReadonlySet<string> = new Set([...HTTP_METHODS, 'HEAD']);

/**
 * `literalShortcut: false` turns off the one-lookup fast path (for benchmarks and tests); the path options are
 * those of `parseRequestPath` (`refuseEncodedUnreserved: false` routes `%73earch` as MLflow would, as `search`).
 */
export interface RouterOptions extends PathParseOptions {
  readonly literalShortcut?: boolean;
}

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
  // Shortcut for the common case, a request for a Flask rule without parameters: Werkzeug's static-first search
  // always finds such a rule first, so one lookup of the path decides, unless a FastAPI route could claim the
  // path (FastAPI is tried before Flask); such paths are left out. Keeps the first rule registered, as Werkzeug.
  private readonly literalFlask = new Map<string, Map<string, RouteResult>>();

  constructor(
    operations: readonly Operation[],
    private readonly options: RouterOptions = {},
  ) {
    const fastapiPrefixes = new Set<string>();
    for (const operation of operations) {
      for (const route of operation.routes) {
        const template = parseTemplate(route.path, route.engine);
        const result: RouteResult = Object.freeze({ kind: 'operation', operation, route });
        if (route.engine === 'fastapi') {
          // FastAPI's APIRoute does not answer HEAD, so HEAD falls through to Flask.
          this.fastapi.add(template, [route.method], result);
          fastapiPrefixes.add(literalPrefix(template));
          continue;
        }
        const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
        this.flask.add(template, methods, result);
        if (!template.segments.every(isLiteralSegment)) continue;
        const byMethod = this.literalFlask.get(route.path) ?? new Map<string, RouteResult>();
        for (const method of methods) if (!byMethod.has(method)) byMethod.set(method, result);
        this.literalFlask.set(route.path, byMethod);
      }
    }
    for (const path of this.literalFlask.keys()) {
      if ([...fastapiPrefixes].some((prefix) => path === prefix || path.startsWith(prefix + '/'))) {
        this.literalFlask.delete(path);
      }
    }
  }

  /** Routes one request; `path` is the raw request path without query string, as API Gateway reports it. */
  route(method: string, path: string): RouteResult {
    if (this.options.literalShortcut !== false) {
      const literal = this.literalFlask.get(path)?.get(method);
      if (literal !== undefined) return literal;
    }
    if (!ROUTABLE_METHODS.has(method)) return UNSUPPORTED_METHOD;
    const segments = parseRequestPath(path, this.options);
    if (typeof segments === 'string') return malformed(segments);
    return this.fastapi.match(segments, method) ?? this.flask.match(segments, method) ?? NO_ROUTE;
  }
}

/** The leading literal segments of a template as a path (`/gateway` for `/gateway/{name}/...`, `` for none). */
function literalPrefix(template: ParsedTemplate): string {
  let prefix = '';
  for (const pieces of template.segments) {
    if (!isLiteralSegment(pieces)) break;
    prefix += '/' + literalText(pieces);
  }
  return prefix;
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
