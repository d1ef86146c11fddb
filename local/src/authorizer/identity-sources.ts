// The browser surface's authorizer caching as infra deploys it, from `@mlflow-authz/authorizer/deployment` (the
// one source infra reads too): the identity sources each REQUEST authorizer's cache is keyed on.
import { BEARER_IDENTITY_SOURCES, COOKIE_IDENTITY_SOURCES } from '@mlflow-authz/authorizer/deployment';

/** An API Gateway identity source expression, e.g. `method.request.header.Authorization` or `context.path`. */
export type IdentitySource = string;

/** The identity sources of the two authorizers: the token header's, and the cookie routes'. */
export interface BrowserIdentitySources {
  /** Every browser route but the cookie routes: the bearer token, method and path. */
  readonly bearer: readonly IdentitySource[];
  /** The cookie routes (GET/HEAD), whose `<img src>` and download requests carry only the cookie. */
  readonly cookie: readonly IdentitySource[];
}

/** What the deployed authorizers are keyed on: the token and the request (method and path). */
export const DEPLOYED_IDENTITY_SOURCES: BrowserIdentitySources = { bearer: BEARER_IDENTITY_SOURCES, cookie: COOKIE_IDENTITY_SOURCES };
