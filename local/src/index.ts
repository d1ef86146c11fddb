// The public surface of @mlflow-authz/local: start local mode in-process (tests, tools), and the shapes others rely
// on (the login configuration document, the identity sources, the Python plugin's name).
export { startLocalMode } from './local-mode.js';
export type { LocalMode, LocalModeOptions, NotebookIdentity } from './local-mode.js';
export { LOGIN_CONFIG_PATH, loginConfig } from './gateway/login-config.js';
export type { LoginConfig } from './gateway/login-config.js';
export { PUBLIC_RESOURCES } from './gateway/gateway.js';
export { DEPLOYED_IDENTITY_SOURCES } from './authorizer/identity-sources.js';
export type { BrowserIdentitySources, IdentitySource } from './authorizer/identity-sources.js';
export { PYTHON_PLUGIN_AUTH } from './banner.js';
export { LocalModeError } from './errors.js';
export type { DemoUser } from './oidc/demo-users.js';
export type { LocalCredential } from './credentials/credentials-file.js';
export type { Principal } from './credentials/principals.js';
