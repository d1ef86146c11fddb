// API Gateway's authorizer result cache as documented (aws-semantics.md Q3): results are kept for the TTL under
// the values of the identity sources, and a request whose values match a live entry gets the cached policy,
// evaluated against its own methodArn, without invoking the Lambda.
import type { TraceRequest } from './ui-session.js';

/** Which request parts the identity sources cover, besides the token. */
export type CacheKey = 'token' | 'token+method+path';

/** How a trace fares under a cache: Lambda invocations, and for each request whether it was served from the cache. */
export interface CacheRun {
  readonly invocations: number;
  /** Per request of the trace: the index of the request whose result served it (itself on an invocation). */
  readonly servedBy: readonly number[];
}

/** Replays `trace` (one token) through a cache keyed on `key` with `ttlSeconds` (0: no cache). */
export function replay(trace: readonly TraceRequest[], key: CacheKey, ttlSeconds: number): CacheRun {
  const entries = new Map<string, { readonly index: number; readonly expires: number }>();
  const servedBy: number[] = [];
  let invocations = 0;
  trace.forEach((request, index) => {
    // The bearer and the cookie authorizer are two authorizers with separate caches.
    const k = key === 'token' ? request.source : `${request.source} ${request.method} ${request.path}`;
    const entry = entries.get(k);
    if (ttlSeconds > 0 && entry !== undefined && request.atSeconds < entry.expires) {
      servedBy.push(entry.index);
      return;
    }
    invocations++;
    servedBy.push(index);
    entries.set(k, { index, expires: request.atSeconds + ttlSeconds });
  });
  return { invocations, servedBy };
}
