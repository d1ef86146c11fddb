import { COOKIE_OPERATIONS } from '@mlflow-authz/core';

/**
 * Whether the stand-in answers with a picture: an artifact read a browser makes for an `<img>` (it asks for
 * `image/…` in `Accept`), so that a logged image shows in the page; any other client gets the JSON echo.
 */
export function wantsArtifactImage(operation: string, method: string, accept: string | undefined): boolean {
  return COOKIE_OPERATIONS.has(operation) && (method === 'GET' || method === 'HEAD') && /\bimage\//.test(accept ?? '');
}

/** A small SVG naming the operation that served it. */
export function artifactSvg(operation: string): string {
  const label = `stand-in MLflow: ${operation}`.replace(/[<>&"]/g, '');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">' +
    '<rect width="240" height="60" rx="6" fill="#e8f3ec"/><polyline points="10,50 50,38 90,42 130,24 170,28 230,10" fill="none" stroke="#2c7a4b" stroke-width="3"/>' +
    `<text x="10" y="18" font-family="sans-serif" font-size="11" fill="#1f272d">${label}</text></svg>`
  );
}
