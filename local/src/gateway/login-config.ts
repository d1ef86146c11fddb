import type { LoginConfig } from '@mlflow-authz/ui-patch';
import { LOGIN_CONFIG_FILE } from '@mlflow-authz/ui-patch';

export type { LoginConfig };

/** Where the login configuration document is served, relative to the UI's base (the stage URL with its slash). */
export const LOGIN_CONFIG_PATH = `/${LOGIN_CONFIG_FILE}`;

/**
 * ui-patch's login configuration document for a UI served at `baseUrl` (ending in `/`), signing in at `issuer` as
 * `clientId`; no `logoutUrl`, so the UI logs out at the issuer's end_session_endpoint.
 */
export function loginConfig(issuer: string, clientId: string, baseUrl: string, scope: string): LoginConfig {
  return { version: 1, authority: issuer, clientId, redirectUri: baseUrl, postLogoutRedirectUri: baseUrl, scope };
}
