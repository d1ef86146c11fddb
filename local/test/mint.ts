// ID tokens signed in the test, the way the OIDC provider signs them: RS256 with a given private JWK.
import type { JsonWebKey } from 'node:crypto';
import { createPrivateKey, sign } from 'node:crypto';

/** A JWT with `claims`, signed RS256 with `key` (a private JWK) under key id `kid`. */
export function mintToken(key: JsonWebKey, kid: string, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const data = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(data), createPrivateKey({ key, format: 'jwk' }));
  return `${data}.${signature.toString('base64url')}`;
}
