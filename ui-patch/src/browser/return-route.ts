const KEY = 'mlflow-login:return';

/**
 * The MLflow route (the location's hash) to come back to after signing in, bound to the sign-in's `state`, so
 * that the address can be restored synchronously, before the app's router reads it, while the code is exchanged.
 */
export class ReturnRoute {
  readonly #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  remember(state: string, hash: string): void {
    this.#storage.setItem(KEY, JSON.stringify({ state, hash }));
  }

  /** The hash remembered for `state` (then forgotten), or '' when none was (another tab's or a stale sign-in). */
  take(state: string): string {
    const raw = this.#storage.getItem(KEY);
    this.#storage.removeItem(KEY);
    try {
      const saved: unknown = JSON.parse(raw ?? 'null');
      if (typeof saved !== 'object' || saved === null) return '';
      const { state: savedState, hash } = saved as { state?: unknown; hash?: unknown };
      return savedState === state && typeof hash === 'string' && (hash === '' || hash.startsWith('#')) ? hash : '';
    } catch {
      return '';
    }
  }
}
