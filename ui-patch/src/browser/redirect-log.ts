const KEY = 'mlflow-login:redirects';
const WINDOW_MS = 120_000;
const MAX_REDIRECTS = 3;

/**
 * When this tab was last sent to the sign-in page. Three times within two minutes means a loop (the issuer
 * sends the browser back without a session that works): the next sign-in waits for the user to ask.
 */
export class RedirectLog {
  readonly #storage: Storage;
  readonly #nowMs: () => number;

  constructor(storage: Storage, nowMs: () => number) {
    this.#storage = storage;
    this.#nowMs = nowMs;
  }

  /** Whether one more automatic redirect is allowed now. */
  mayRedirect(): boolean {
    return this.#recent().length < MAX_REDIRECTS;
  }

  record(): void {
    this.#storage.setItem(KEY, JSON.stringify([...this.#recent(), this.#nowMs()]));
  }

  /** The user asked to sign in: the loop guard starts over. */
  clear(): void {
    this.#storage.removeItem(KEY);
  }

  #recent(): number[] {
    let times: unknown;
    try {
      times = JSON.parse(this.#storage.getItem(KEY) ?? '[]');
    } catch {
      times = [];
    }
    const now = this.#nowMs();
    return Array.isArray(times) ? times.filter((t): t is number => typeof t === 'number' && t <= now && now - t < WINDOW_MS) : [];
  }
}
