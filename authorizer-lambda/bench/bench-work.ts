// What the bench's parent hands its child processes: keys, tokens and events, generated once per run.
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

/** The file the parent writes for the warm-latency child. */
export interface WarmWork {
  readonly bundlePath: string;
  readonly jwk: Jwk;
  /** Distinct tokens used once each to warm the first-seen path up (JIT), not measured. */
  readonly warmUp: readonly string[];
  /** Distinct tokens, each used once by the handler: the first-seen measurements. */
  readonly firstSeen: readonly string[];
  /** One token used over and over: the repeated measurements. */
  readonly repeated: string;
  /** One token per default role's group, for the cached-policy sizes. */
  readonly roleTokens: Readonly<Record<string, string>>;
  /** Representative UI requests, used round-robin. */
  readonly requests: readonly (readonly [string, string])[];
}

/** What the warm child reports back: per-call nanoseconds for each series, and the policy sizes. */
export interface WarmResult {
  readonly series: Readonly<Record<string, readonly number[]>>;
  readonly policies: readonly { readonly role: string; readonly bytes: number; readonly statements: number; readonly resources: number; readonly longestResource: number }[];
}
