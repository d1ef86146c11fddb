/** A request as a person pastes it, reduced to what the authorizer and IAM see: method and raw path after the stage. */
export interface PastedRequest {
  readonly method: string;
  readonly path: string;
  /** What was taken off the input to get there, for the reader: `the host`, `the stage prefix /prod`, … */
  readonly dropped: readonly string[];
  /** Things the reader should know about the input (a stage other than the file's). */
  readonly notes: readonly string[];
}

export type PastedRequestResult = { readonly ok: true; readonly request: PastedRequest } | { readonly ok: false; readonly problem: string };

const SCHEME_AND_AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/;
const EXECUTE_API_HOST = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;
const METHOD = /^[A-Za-z]+$/;
/** `METHOD URL` pasted as one argument (an access log line, a curl command's request line). */
const METHOD_AND_TARGET = /^\s*(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+(\S.*)$/i;

/**
 * Reads `METHOD URL` the way people paste it: a full URL (scheme and host dropped), a path with the API stage
 * in front (`/prod/...`: dropped), a query string or fragment (never part of what is authorized: dropped), any
 * method casing. The path itself is kept byte for byte (no decoding, no dot-segment resolution), because that is
 * what API Gateway hands the authorizer. Without an execute-api host a leading segment equal to the stage is only
 * dropped when `routes` says the rest is an MLflow route or the whole is not (a stage may be named like one).
 * Without `method`, a target that starts with an HTTP method and a space (`POST https://…`) carries its own.
 */
export function readPastedRequest(
  method: string | undefined,
  target: string,
  stage: string,
  routes: (method: string, path: string) => boolean,
): PastedRequestResult {
  const pasted = method === undefined ? METHOD_AND_TARGET.exec(target) : null;
  if (pasted !== null) [method, target] = [pasted[1] as string, pasted[2] as string];
  const verb = (method ?? 'GET').toUpperCase();
  if (!METHOD.test(verb)) return { ok: false, problem: `${JSON.stringify(method)} is not an HTTP method` };
  const dropped = { host: '', stage: '', query: '', fragment: '' };
  const notes: string[] = [];
  let rest = target.trim();
  let onExecuteApi = false;
  const authority = SCHEME_AND_AUTHORITY.exec(rest);
  if (authority !== null) {
    const host = (authority[2] as string).replace(/^.*@/, '').replace(/:\d+$/, '');
    onExecuteApi = EXECUTE_API_HOST.test(host);
    rest = rest.slice(authority[0].length);
    dropped.host = `the host ${authority[1]}://${authority[2]}`;
  }
  const fragment = rest.indexOf('#');
  if (fragment !== -1) {
    dropped.fragment = `the fragment ${rest.slice(fragment)} (it never leaves the browser)`;
    rest = rest.slice(0, fragment);
  }
  const query = rest.indexOf('?');
  if (query !== -1) {
    dropped.query = 'the query string';
    rest = rest.slice(0, query);
  }
  if (rest === '') rest = '/';
  if (!rest.startsWith('/')) {
    notes.push('added the missing leading /');
    rest = `/${rest}`;
  }
  const first = /^\/([^/]*)(.*)$/.exec(rest) as RegExpExecArray;
  const [segment, after] = [first[1] as string, (first[2] as string) || '/'];
  if (onExecuteApi && segment !== '') {
    if (segment !== stage) notes.push(`the URL names stage ${JSON.stringify(segment)}; the permissions file's apiStageName is ${JSON.stringify(stage)}`);
    dropped.stage = `the stage prefix /${segment}`;
    rest = after;
  } else if (segment === stage && (routes(verb, after) || !routes(verb, rest))) {
    dropped.stage = `the stage prefix /${segment}`;
    rest = after;
  }
  const removed = [dropped.host, dropped.stage, dropped.query, dropped.fragment].filter((d) => d !== '');
  return { ok: true, request: { method: verb, path: rest, dropped: removed, notes } };
}
