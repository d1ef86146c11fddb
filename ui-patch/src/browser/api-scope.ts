/**
 * Which request URLs get the login's `Authorization` header: those of the UI's own origin under the UI's base
 * path (e.g. `https://host/prod/…`), as MLflow's UI calls its API by relative URLs. Never another origin (a
 * substring or suffix of the host counts for nothing), never a URL with credentials, never another scheme
 * (`blob:`, `data:`), and never the OIDC issuer (whose token endpoint must not wait for a token).
 */
export class ApiScope {
  readonly #base: URL;
  readonly #excluded: string[] = [];

  /** `base` is the UI's base URL (trailing slash). */
  constructor(base: string | URL) {
    this.#base = new URL(base);
  }

  /** Never covers `prefix` (a URL) or anything below it: the issuer, whose endpoints must not wait for a token. */
  exclude(prefix: string): void {
    const url = new URL(prefix);
    const bare = `${url.origin}${url.pathname}`;
    this.#excluded.push(bare.endsWith('/') ? bare : `${bare}/`);
  }

  /** The UI's base URL. */
  get base(): URL {
    return new URL(this.#base);
  }

  /**
   * Whether a request to `input`, resolved against `documentBase` (the document's current base URL, as fetch and
   * XMLHttpRequest resolve it), goes to the UI's API. `..` segments, percent-encoded dots and backslashes are
   * resolved by the URL parser first, exactly as the browser will send them.
   */
  covers(input: string | URL, documentBase: string | URL = this.#base): boolean {
    let url: URL;
    try {
      url = new URL(input, documentBase);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    if (url.username !== '' || url.password !== '') return false;
    if (url.origin !== this.#base.origin || !url.pathname.startsWith(this.#base.pathname)) return false;
    const bare = `${url.origin}${url.pathname}`;
    return !this.#excluded.some((prefix) => bare === prefix.slice(0, -1) || bare.startsWith(prefix));
  }
}
