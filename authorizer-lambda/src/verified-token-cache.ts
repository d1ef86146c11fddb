import type { Identity } from './identity.js';

// Entries are found by the token's last characters (the tail of its signature) and then must equal the whole
// token: hashing a fresh 1 KB token string for a Map lookup costs more than everything else a cached request does.
const LOOKUP_SUFFIX = 32;

interface Entry {
  readonly token: string;
  readonly identity: Identity;
}

/**
 * The identities of tokens verified before, keyed by the whole token string, so the UI's dozens of requests
 * per page with one token cost one signature check. Bounded (oldest entry out first); an entry is never
 * returned at or after its token's `exp`; only tokens that passed every check are ever added.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number = 2000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  /** The identity of `token` if exactly this token was verified before and has not expired by `nowSeconds`. */
  get(token: string, nowSeconds: number): Identity | undefined {
    const key = lookupKey(token);
    const entry = this.entries.get(key);
    // Another token with the same tail (never a valid one in practice; a forged one can be made) is a miss.
    if (entry === undefined || entry.token !== token) return undefined;
    if (nowSeconds >= entry.identity.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.identity;
  }

  /** Remembers a verified token's identity, evicting the oldest entry when full (or the entry it shares a tail with). */
  add(token: string, identity: Identity): void {
    const key = lookupKey(token);
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { token, identity });
  }

  /** How many tokens are held (for tests and the bench). */
  get size(): number {
    return this.entries.size;
  }
}

function lookupKey(token: string): string {
  return token.length > LOOKUP_SUFFIX ? token.slice(-LOOKUP_SUFFIX) : token;
}
