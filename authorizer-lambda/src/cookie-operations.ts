// The cookie operations are shared with the UI login; authz-core's catalogue data holds them.
export { COOKIE_METHODS, COOKIE_OPERATIONS } from '@mlflow-authz/core';
