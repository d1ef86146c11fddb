// How the tests and benches run the built bundle (dist/index.mjs) in a process of its own: Cognito mode, the
// JWKS preloaded through JWKS_JSON (no network), and the pool and client its tokens must name.
import type { Jwk } from 'aws-jwt-verify/jwk';

/** The environment every process running the bundle gets: Cognito mode, the JWKS preloaded (no network). */
export function bundleEnvironment(jwk: Jwk): Record<string, string> {
  return {
    JWT_VERIFIER: 'cognito',
    COGNITO_USER_POOL_ID: 'eu-west-1_BenchPool1',
    COGNITO_CLIENT_IDS: 'benchclient0123456789',
    COGNITO_TOKEN_USE: 'id',
    JWKS_JSON: JSON.stringify({ keys: [jwk] }),
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
}

/** The issuer and audience of the bench's tokens, matching `bundleEnvironment`. */
export const BENCH_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_BenchPool1';
export const BENCH_CLIENT_ID = 'benchclient0123456789';

