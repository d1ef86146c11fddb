import type { Jwks } from 'aws-jwt-verify/jwk';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { ConfigurationError } from './errors.js';

/** Parses the `JWKS_JSON` environment variable into a JWKS; throws `ConfigurationError` if it is not one. */
export function parseJwksJson(text: string): Jwks {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError('JWKS_JSON is not JSON');
  }
  try {
    assertIsJwks(parsed as Parameters<typeof assertIsJwks>[0]);
  } catch {
    throw new ConfigurationError('JWKS_JSON is not a JWKS document ({"keys": [...]})');
  }
  return parsed as Jwks;
}
