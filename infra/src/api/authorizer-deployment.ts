// How API Gateway must call the Lambda authorizer: its identity sources and the routes that take the token
// from the cookie. This is the authorizer's contract with infra (authorizer-lambda/README.md, "Tokens" and
// "Identity sources"); @mlflow-authz/authorizer will export it as `@mlflow-authz/authorizer/deployment`, and
// this file then becomes one import. Nothing else in infra states these facts.
import { fileURLToPath } from 'node:url';

/**
 * Identity sources of the bearer authorizer. With caching on, API Gateway keys its cache on all of them and
 * answers 401 without calling the Lambda when one is missing; the authorizer returns an exact policy for the
 * request (Allow or Deny of exactly the methodArn), so the key must include the method and path.
 */
export const BEARER_IDENTITY_SOURCES: readonly string[] = ['method.request.header.Authorization', 'context.httpMethod', 'context.path'];

/** Identity sources of the cookie authorizer (same function), used on the cookie routes only. */
export const COOKIE_IDENTITY_SOURCES: readonly string[] = ['method.request.header.Cookie', 'context.httpMethod', 'context.path'];

/**
 * The artifact reads a browser makes without JavaScript (`<img src>`, download links), for which the
 * authorizer accepts the `__Host-mlflow-token` cookie (authorizer-lambda/src/cookie-operations.ts).
 */
export const COOKIE_OPERATIONS: readonly string[] = ['serve_artifacts', 'serve_model_version_artifact', 'DownloadArtifact', 'serve_get_logged_model_artifact'];

/** The methods for which the authorizer accepts the cookie. */
export const COOKIE_METHODS: readonly string[] = ['GET', 'HEAD'];

/** The Lambda entry point (bundled by NodejsFunction with esbuild; it imports generated/authorizer/ itself). */
export const AUTHORIZER_ENTRY = fileURLToPath(new URL('../../../authorizer-lambda/src/lambda.ts', import.meta.url));
