import type { RequestAuth } from '../../src/browser/request-auth.js';

/**
 * A session for the wrapper tests: hands out `token`, and on renew(`token`) gives `renewed` (which becomes the
 * current token when it is one). Every call is recorded, in order.
 */
export class FakeAuth implements RequestAuth {
  readonly calls: string[] = [];
  #token: string | null;
  readonly #renewed: string | null;

  constructor(token: string | null, renewed: string | null) {
    this.#token = token;
    this.#renewed = renewed;
  }

  async token(): Promise<string | null> {
    this.calls.push('token');
    return this.#token;
  }

  currentToken(): string | null {
    this.calls.push('currentToken');
    return this.#token;
  }

  async renew(rejected: string): Promise<string | null> {
    this.calls.push(`renew:${rejected}`);
    if (this.#renewed !== null) this.#token = this.#renewed;
    return this.#renewed;
  }

  forbidden(method: string, url: string): void {
    this.calls.push(`forbidden:${method} ${url}`);
  }
}
