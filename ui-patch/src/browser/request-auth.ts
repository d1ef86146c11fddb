/** What the fetch and XMLHttpRequest wrappers need from the login session. */
export interface RequestAuth {
  /** The ID token to send, renewed first if it is about to expire; null when there is none (not signed in). */
  token(): Promise<string | null>;
  /** The current ID token if it is still valid now, without waiting (for synchronous XMLHttpRequest). */
  currentToken(): string | null;
  /**
   * Called after a 401 to a request that carried `rejected`: renews once (one renewal however many requests
   * failed with the same token) and gives the token to retry with, or null when there is no better one.
   */
  renew(rejected: string): Promise<string | null>;
  /** A 403 from the UI's API: a permissions answer, shown to the user, never a reason to sign in again. */
  forbidden(method: string, url: string): void;
}
