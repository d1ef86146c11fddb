// The browser surface's authorizer caching as infra configures API Gateway: the identity sources each REQUEST
// authorizer's cache is keyed on. The one place to change when the deployment changes them (core-gen will export
// the deployed values from `@mlflow-authz/authorizer/deployment`; import them here then).

/** An API Gateway identity source expression, e.g. `method.request.header.Authorization` or `context.path`. */
export type IdentitySource = string;

/** The identity sources of the two authorizers: the token header's, and the cookie routes'. */
export interface BrowserIdentitySources {
  /** Every browser route but the cookie routes: the bearer token. */
  readonly bearer: readonly IdentitySource[];
  /** The four cookie routes (GET/HEAD), whose `<img src>` and download requests carry only the cookie. */
  readonly cookie: readonly IdentitySource[];
}

/** Today's deployment: keyed on the token alone, so a cached policy is reused on every path (whole grant). */
export const TOKEN_KEYED: BrowserIdentitySources = {
  bearer: ['method.request.header.Authorization'],
  cookie: ['method.request.header.Cookie'],
};

/** Keyed on the token and the request: each cached policy is reused only for the same method and path. */
export const PER_REQUEST_KEYED: BrowserIdentitySources = {
  bearer: ['method.request.header.Authorization', 'context.httpMethod', 'context.path'],
  cookie: ['method.request.header.Cookie', 'context.httpMethod', 'context.path'],
};

/** What the local gateway emulates unless told otherwise. */
export const DEPLOYED_IDENTITY_SOURCES: BrowserIdentitySources = TOKEN_KEYED;

/**
 * The operations whose routes the cookie authorizer serves (GET and HEAD): the artifact reads a browser makes
 * without JavaScript. The authorizer's own list is authorizer-lambda/src/cookie-operations.ts (a test keeps the two
 * equal until it is exported).
 */
export const COOKIE_OPERATIONS: ReadonlySet<string> = new Set(['serve_artifacts', 'serve_model_version_artifact', 'DownloadArtifact', 'serve_get_logged_model_artifact']);

/** The methods the cookie routes' API Gateway methods are defined for. */
export const COOKIE_METHODS: readonly string[] = ['GET', 'HEAD'];
