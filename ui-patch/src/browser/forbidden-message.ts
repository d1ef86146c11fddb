/**
 * The toast for a 403 from the UI's API: the operation (method and API path below the UI's base, without the
 * query) and that it is a permission, not a login, problem.
 */
export function forbiddenMessage(method: string, url: string, base: string): string {
  const target = new URL(url);
  const basePath = new URL(base).pathname;
  const path = target.pathname.startsWith(basePath) ? target.pathname.slice(basePath.length) : target.pathname;
  return `Permission denied: ${method.toUpperCase()} ${decodeURIComponentSafe(path)}. Your MLflow role does not allow this operation.`;
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
