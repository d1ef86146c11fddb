/**
 * The artifact-read operations a browser fetches without JavaScript (`<img src>`, download links), which therefore
 * cannot send an `Authorization` header: only these, and only for GET/HEAD, accept the token from the cookie.
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
