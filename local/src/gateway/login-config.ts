/** Where the login configuration document is served, relative to the UI's base (the stage URL with its slash). */
export const LOGIN_CONFIG_PATH = '/mlflow-login.json';

/** The login configuration document the UI login (ui-patch) reads at run time. */
export interface LoginConfig {
  readonly version: 1;
  readonly authority: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scope: string;
}

/** The document for a UI served at `baseUrl` (ending in `/`), signing in at `issuer` as `clientId`. */
export function loginConfig(issuer: string, clientId: string, baseUrl: string, scope: string): LoginConfig {
  return { version: 1, authority: issuer, clientId, redirectUri: baseUrl, postLogoutRedirectUri: baseUrl, scope };
}
