// What the bench's parent hands its child processes: keys, tokens and events, generated once per run.
import type { Jwk } from 'aws-jwt-verify/jwk';

export { BENCH_CLIENT_ID, BENCH_ISSUER, bundleEnvironment } from '../test/bundle-environment.js';

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
