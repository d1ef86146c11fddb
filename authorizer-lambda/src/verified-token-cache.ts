import type { Identity } from './identity.js';

/**
 * The identities of tokens verified before, keyed by the whole token string, so the UI's dozens of requests
 * per page with one token cost one signature check. Bounded (oldest entry out first); an entry is never
 * returned at or after its token's `exp`; only tokens that passed every check are ever added.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Identity>();

  constructor(private readonly maxEntries: number = 2000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  /** The identity of `token` if it was verified before and has not expired by `nowSeconds`. */
  get(token: string, nowSeconds: number): Identity | undefined {
    const identity = this.entries.get(token);
    if (identity === undefined) return undefined;
    if (nowSeconds >= identity.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    return identity;
  }

  /** Remembers a verified token's identity, evicting the oldest entry when full. */
  add(token: string, identity: Identity): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, identity);
  }

  /** How many tokens are held (for tests and the bench). */
  get size(): number {
    return this.entries.size;
  }
}
