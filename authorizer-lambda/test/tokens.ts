// Minting signed (and deliberately broken) JWTs for the tests with node:crypto.
import { createHmac, sign } from 'node:crypto';
import type { TestKey } from './keys.js';

/** base64url of a string or bytes. */
export function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs `payload` with RS256 under `key` (header `{alg, kid, typ}` unless overridden). */
export function signRs256(key: TestKey, payload: object, header: object = {}): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key.privateKey))}`;
}

/** An HS256 token whose HMAC secret is the RSA public key (the classic algorithm-confusion forgery). */
export function signHs256WithPublicKey(key: TestKey, payload: object): string {
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  const input = `${b64url(JSON.stringify({ alg: 'HS256', kid: key.kid, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(createHmac('sha256', secret).update(input).digest())}`;
}

/** An unsigned token (`alg: none`, empty signature part). */
export function unsignedToken(key: TestKey, payload: object): string {
  return `${b64url(JSON.stringify({ alg: 'none', kid: key.kid, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.`;
}

/** Where the tests' Cognito tokens come from. */
export const USER_POOL_ID = 'eu-west-1_TestPool1';
export const COGNITO_ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}`;
export const CLIENT_ID = 'testclient0123456789abcdef';

/** Claims of a valid Cognito ID token for `groups` (omit `groups` for a user without groups), valid for an hour. */
export function cognitoIdClaims(options: { groups?: unknown; sub?: string; nowSeconds?: number } & Record<string, unknown> = {}): Record<string, unknown> {
  const { groups, sub, nowSeconds, ...extra } = options;
  const now = nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: sub ?? '5f1c3a52-0d7e-4c57-9a61-2f3e4d5c6b7a',
    iss: COGNITO_ISSUER,
    aud: CLIENT_ID,
    token_use: 'id',
    auth_time: now - 60,
    iat: now - 60,
    exp: now + 3600,
    'cognito:username': 'alice',
    email: 'alice@example.com',
  };
  if (groups !== undefined) claims['cognito:groups'] = groups;
  return { ...claims, ...extra };
}

/**
 * A minter of valid Cognito ID tokens by group set, signed under `key`: one token per set (minting is an RSA
 * signature, and a user keeps one token across requests). No groups: a token without the groups claim.
 */
export function groupTokens(key: TestKey): (groups: readonly string[]) => string {
  const tokens = new Map<string, string>();
  return (groups) => {
    const id = groups.join(',');
    let token = tokens.get(id);
    if (token === undefined) tokens.set(id, (token = signRs256(key, cognitoIdClaims(groups.length === 0 ? {} : { groups: [...groups] }))));
    return token;
  };
}
