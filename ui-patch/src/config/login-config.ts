// The login configuration document, served beside the UI so that changing the issuer or the client never rebuilds
// an image. This module has no dependencies: the browser script and Node (infra, local mode) parse it the same way.

/** The document's file name, fetched relative to the UI's base URL (`<base>/mlflow-login.json`). */
export const LOGIN_CONFIG_FILE = 'mlflow-login.json';

/** The scope asked for when the document names none. Cognito issues refresh tokens for the code grant anyway. */
export const DEFAULT_SCOPE = 'openid email profile';

/** The login configuration document, version 1. */
export interface LoginConfig {
  readonly version: 1;
  /** The OIDC issuer: `https://cognito-idp.REGION.amazonaws.com/POOL_ID`, or any issuer in local mode. */
  readonly authority: string;
  /** The public app client's id (no secret). */
  readonly clientId: string;
  /** The UI's base URL with its trailing slash; the issuer must list it as a callback URL. */
  readonly redirectUri: string;
  /** Where the issuer's logout sends the browser back to (the UI's base URL). */
  readonly postLogoutRedirectUri: string;
  /**
   * Cognito's non-standard logout (`https://DOMAIN.auth.REGION.amazoncognito.com/logout`), called with
   * `?client_id=…&logout_uri=…`. Absent: the issuer's `end_session_endpoint` (OIDC RP-initiated logout).
   */
  readonly logoutUrl?: string;
  /** Space-separated scopes; must include `openid`. Optional in the document (default {@link DEFAULT_SCOPE}). */
  readonly scope: string;
}

/** Why a login configuration document was refused; `message` names the field and what was expected. */
export class LoginConfigError extends Error {
  override readonly name = 'LoginConfigError';
}

const FIELDS = ['version', 'authority', 'clientId', 'redirectUri', 'postLogoutRedirectUri', 'logoutUrl', 'scope'] as const;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Parses the document's text (JSON) into a {@link LoginConfig}; throws {@link LoginConfigError} saying what is wrong. */
export function parseLoginConfigText(text: string): LoginConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LoginConfigError(`${LOGIN_CONFIG_FILE} is not valid JSON (${(error as Error).message})`);
  }
  return parseLoginConfig(json);
}

/** Checks a parsed document and returns it as a {@link LoginConfig}; throws {@link LoginConfigError} saying what is wrong. */
export function parseLoginConfig(json: unknown): LoginConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw fail(`must be a JSON object, not ${describe(json)}`);
  }
  const doc = json as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      const near = FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
      throw fail(`has an unknown field "${key}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; version 1 knows ${FIELDS.join(', ')}`);
    }
  }
  if (doc['version'] !== 1) {
    throw fail(doc['version'] === undefined ? 'needs "version": 1' : `has version ${JSON.stringify(doc['version'])}; this login script understands version 1`);
  }
  const authority = url(doc, 'authority', { query: false }).replace(/\/+$/, '');
  const clientId = text(doc, 'clientId');
  if (/\s/.test(clientId)) throw fail('"clientId" must not contain spaces');
  const redirectUri = url(doc, 'redirectUri', { query: false });
  if (!new URL(redirectUri).pathname.endsWith('/')) {
    throw fail(`"redirectUri" must be the UI's base URL ending with "/" (got ${redirectUri})`);
  }
  const postLogoutRedirectUri = url(doc, 'postLogoutRedirectUri', { query: true });
  const logoutUrl = doc['logoutUrl'] === undefined ? undefined : url(doc, 'logoutUrl', { query: false });
  const scope = doc['scope'] === undefined ? DEFAULT_SCOPE : text(doc, 'scope');
  if (!scope.split(/\s+/).includes('openid')) throw fail(`"scope" must include "openid" (got "${scope}")`);
  return { version: 1, authority, clientId, redirectUri, postLogoutRedirectUri, ...(logoutUrl === undefined ? {} : { logoutUrl }), scope };
}

function text(doc: Record<string, unknown>, field: string): string {
  const value = doc[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw fail(`"${field}" must be a non-empty string${value === undefined ? ' and is missing' : `, not ${describe(value)}`}`);
  }
  return value.trim();
}

// An absolute https URL (http only for a loopback host, as local mode uses), without credentials or fragment.
function url(doc: Record<string, unknown>, field: string, allow: { query: boolean }): string {
  const value = text(doc, field);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw fail(`"${field}" must be an absolute URL (got "${value}")`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))) {
    throw fail(`"${field}" must be an https URL (plain http only on 127.0.0.1, localhost or [::1]); got ${value}`);
  }
  if (parsed.username !== '' || parsed.password !== '') throw fail(`"${field}" must not contain a user name or password`);
  if (parsed.hash !== '' || value.includes('#')) throw fail(`"${field}" must not contain a fragment (#…)`);
  if (!allow.query && parsed.search !== '') throw fail(`"${field}" must not contain a query (?…)`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${JSON.stringify(value)}`;
}

function fail(problem: string): LoginConfigError {
  return new LoginConfigError(`${LOGIN_CONFIG_FILE} ${problem}`);
}
