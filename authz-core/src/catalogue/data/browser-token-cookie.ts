// The one place the UI login (ui-patch, which sets the cookie) and the authorizer (which reads it) agree on the
// cookie that carries the Cognito ID token for the requests a browser makes without JavaScript.

/**
 * The cookie the UI login sets to the Cognito ID token, for the requests that cannot carry a header (`<img src>`,
 * download links). `__Host-` makes browsers accept it only from this exact host, over HTTPS (or a loopback
 * address), with `Path=/` and no `Domain`.
 */
export const TOKEN_COOKIE_NAME = '__Host-mlflow-token';

/**
 * The artifact-read operations a browser fetches without JavaScript, which therefore cannot send an
 * `Authorization` header: only these, and only for {@link COOKIE_METHODS}, accept the token from the cookie.
 * Reads only, so a cross-site request riding on the cookie can change nothing.
 */
export const COOKIE_OPERATIONS: ReadonlySet<string> = new Set([
  'serve_artifacts', // GET /get-artifact
  'serve_model_version_artifact', // GET /model-versions/get-artifact
  'DownloadArtifact', // GET /ajax-api/2.0/mlflow-artifacts/artifacts/<path>
  'serve_get_logged_model_artifact', // GET /ajax-api/2.0/mlflow/logged-models/<id>/artifacts/files
]);

/** The methods for which the cookie is accepted. */
export const COOKIE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
