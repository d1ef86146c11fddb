// The public surface of ui-patch for Node: the login configuration document (infra and local mode write it) and
// the injector (the infra Dockerfile runs its bundled CLI, dist/inject-login.mjs). The browser script itself is
// src/browser/main.ts, built into dist/mlflow-login.js.
export { DEFAULT_SCOPE, LOGIN_CONFIG_FILE, LoginConfigError, parseLoginConfig, parseLoginConfigText } from './config/login-config.js';
export type { LoginConfig } from './config/login-config.js';
export { injectLogin } from './inject/inject-dir.js';
export type { InjectResult } from './inject/inject-dir.js';
export { BEGIN_MARKER, END_MARKER, InjectError } from './inject/inject-html.js';
