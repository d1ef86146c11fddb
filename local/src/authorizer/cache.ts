import type { IdentitySource } from './identity-sources.js';

/** What an identity source is read from: the request as API Gateway sees it. */
export interface IdentityRequest {
  /** Lower-case header name → values. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** Decoded query parameter → values. */
  readonly query: Readonly<Record<string, readonly string[] | undefined>>;
  readonly httpMethod: string;
  /** `$context.path`: the path with the stage, `/prod/ajax-api/…`. */
  readonly contextPath: string;
}

/**
 * The cache key of a request: the values of all `sources`, in order. Undefined when one is missing or empty, which
 * API Gateway answers with 401 without invoking the authorizer (when caching is on).
 */
export function identityKey(sources: readonly IdentitySource[], request: IdentityRequest): string | undefined {
  const values: string[] = [];
  for (const source of sources) {
    const value = identityValue(source, request);
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return JSON.stringify(values);
}

function identityValue(source: IdentitySource, request: IdentityRequest): string | undefined {
  const [scope, kind, name] = splitSource(source);
  if (scope === 'method.request' && kind === 'header') return request.headers[name.toLowerCase()]?.join(',');
  if (scope === 'method.request' && kind === 'querystring') return request.query[name]?.join(',');
  if (scope === 'context' && name === 'httpMethod') return request.httpMethod;
  if (scope === 'context' && name === 'path') return request.contextPath;
  throw new Error(`identity source ${source} is not emulated`);
}

function splitSource(source: IdentitySource): [string, string, string] {
  const header = /^method\.request\.(header|querystring)\.(.+)$/.exec(source);
  if (header !== null) return ['method.request', header[1] as string, header[2] as string];
  const context = /^context\.(.+)$/.exec(source);
  if (context !== null) return ['context', '', context[1] as string];
  throw new Error(`identity source ${source} is not emulated`);
}

/**
 * API Gateway's authorizer result cache: an entry per key, reused until `ttlSeconds` after it was stored, whatever
 * the path of the later request (the caller re-evaluates the cached policy against each request). TTL 0 caches
 * nothing. Bounded, oldest entries out first.
 */
export class AuthorizerResultCache<T> {
  private readonly entries = new Map<string, { readonly value: T; readonly expires: number }>();

  constructor(
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    private readonly capacity = 10_000,
  ) {}

  /** True when results are cached at all (TTL > 0): identity sources are then required. */
  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expires) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlSeconds * 1000 });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops every entry (API Gateway's "flush authorizer cache"). */
  flush(): void {
    this.entries.clear();
  }
}
