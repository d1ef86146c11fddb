import { ConfigurationError } from './errors.js';

/** Production: tokens from a Cognito user pool, checked for issuer, client id and `token_use`. */
export interface CognitoVerifierConfig {
  readonly kind: 'cognito';
  readonly userPoolId: string;
  readonly clientIds: readonly string[];
  readonly tokenUse: 'id' | 'access';
}

/** Local mode and tests: any OIDC issuer's RS256 tokens, checked for issuer and audience. */
export interface OidcVerifierConfig {
  readonly kind: 'oidc';
  readonly issuer: string;
  readonly jwksUri: string;
  readonly audiences: readonly string[];
}

/** How tokens are verified. */
export type VerifierConfig = CognitoVerifierConfig | OidcVerifierConfig;

/** Everything the Lambda reads from its environment (see README.md, "Environment"). */
export interface AuthorizerEnvironment {
  readonly verifier: VerifierConfig;
  /** A JWKS document to load at cold start instead of fetching it (unknown key ids are still fetched). */
  readonly preloadedJwks: string | undefined;
}

/** Reads and validates the environment; throws `ConfigurationError` naming the variable at fault. */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): AuthorizerEnvironment {
  const kind = env['JWT_VERIFIER'] ?? 'cognito';
  const preloadedJwks = optional(env, 'JWKS_JSON');
  if (kind === 'cognito') {
    const tokenUse = required(env, 'COGNITO_TOKEN_USE');
    if (tokenUse !== 'id' && tokenUse !== 'access') throw new ConfigurationError('COGNITO_TOKEN_USE must be "id" or "access"');
    return {
      verifier: {
        kind,
        userPoolId: required(env, 'COGNITO_USER_POOL_ID'),
        clientIds: list(env, 'COGNITO_CLIENT_IDS'),
        tokenUse,
      },
      preloadedJwks,
    };
  }
  if (kind === 'oidc') {
    const jwksUri = required(env, 'OIDC_JWKS_URI');
    assertJwksUri(jwksUri);
    return {
      verifier: { kind, issuer: required(env, 'OIDC_ISSUER'), jwksUri, audiences: list(env, 'OIDC_AUDIENCE') },
      preloadedJwks,
    };
  }
  throw new ConfigurationError('JWT_VERIFIER must be "cognito" or "oidc"');
}

/** True for `http:` URLs whose host is this machine: the only place plain HTTP is acceptable for a JWKS. */
export function isLoopbackHttp(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

function assertJwksUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ConfigurationError('OIDC_JWKS_URI is not a URL');
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(uri)) {
    throw new ConfigurationError('OIDC_JWKS_URI must be https (plain http only for 127.0.0.1, [::1] or localhost)');
  }
}

function optional(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function required(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigurationError(`${name} is required`);
  return value;
}

function list(env: Readonly<Record<string, string | undefined>>, name: string): string[] {
  const values = required(env, name)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0) throw new ConfigurationError(`${name} must list at least one value`);
  return values;
}
