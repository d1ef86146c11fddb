// RSA signing keys generated for the tests: nothing here is a real credential.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import type { Jwk, Jwks } from 'aws-jwt-verify/jwk';

/** A locally generated RSA key pair with the key id tokens name it by. */
export interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as a JWKS entry (`use: sig`, `alg: RS256`). */
  readonly jwk: Jwk;
}

/** Generates a fresh 2048-bit RSA key pair. */
export function generateTestKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  const jwk: Jwk = { kty: 'RSA', n: String(exported.n), e: String(exported.e), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/** A JWKS holding the public halves of `keys`. */
export function jwksOf(...keys: readonly TestKey[]): Jwks {
  return { keys: keys.map((k) => k.jwk) };
}
