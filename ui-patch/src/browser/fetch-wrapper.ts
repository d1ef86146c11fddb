import type { ApiScope } from './api-scope.js';
import { isReplayableBody } from './replayable-body.js';
import type { RequestAuth } from './request-auth.js';

/** What the wrapped fetch needs besides the original: which URLs, the session, and the document's base URL now. */
export interface FetchWrapperContext {
  readonly scope: ApiScope;
  readonly auth: RequestAuth;
  readonly documentBase: () => string;
}

/**
 * Wraps `fetch` so that requests to the UI's API carry `Authorization: Bearer <ID token>`. Any other request is
 * passed to `original` untouched (same arguments). The app's own headers are kept, and an `Authorization` header
 * the app set is never replaced. On a 401 the session renews once; the request is sent again once, with the new
 * token, only when its body can be sent again (see isReplayableBody; a `Request` object with a body counts as a
 * stream, since it hides where its body came from). A 403 is reported to `auth.forbidden` and returned as it is.
 */
export function wrapFetch(original: typeof fetch, context: FetchWrapperContext): typeof fetch {
  const { scope, auth, documentBase } = context;
  return async function fetchWithLogin(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = absolute(input, documentBase());
    if (url === null || !scope.covers(url)) return original(input, init);
    // From here on the request is rebuilt from an absolute URL: the same one the browser would resolve.
    const target = input instanceof Request ? input : url;

    const token = await auth.token();
    const replayable = isReplayableBody(init?.body) && (init?.body !== undefined || !(input instanceof Request) || !requestHasBody(input));
    // A retry rebuilds the request from the caller's arguments, so the first attempt must not consume them.
    const first = authorized(new Request(replayable && target instanceof Request ? target.clone() : target, init), token);
    const response = await original(first.request);
    if (response.status === 403) auth.forbidden(first.request.method, first.request.url);
    if (response.status !== 401 || first.sent === null) return response;

    const renewed = await auth.renew(first.sent);
    if (!replayable || renewed === null || renewed === first.sent) return response;
    await response.body?.cancel().catch(() => undefined);
    const retry = authorized(new Request(target, init), renewed);
    const second = await original(retry.request);
    if (second.status === 403) auth.forbidden(retry.request.method, retry.request.url);
    return second;
  };
}

/** The request with the login's token added, and the token it carries (null: none added, or the app's own). */
function authorized(request: Request, token: string | null): { request: Request; sent: string | null } {
  if (token === null || request.headers.has('authorization')) return { request, sent: null };
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { request: new Request(request, { headers }), sent: token };
}

// GET and HEAD cannot have a body; a browser without `Request.body` (Firefox) then still counts as bodiless.
function requestHasBody(request: Request): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
}

function absolute(input: RequestInfo | URL, documentBase: string): string | null {
  if (input instanceof Request) return input.url;
  try {
    return new URL(String(input), documentBase).href;
  } catch {
    return null;
  }
}
