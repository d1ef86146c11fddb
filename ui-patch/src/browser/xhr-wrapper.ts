import type { FetchWrapperContext } from './fetch-wrapper.js';
import { isReplayableBody } from './replayable-body.js';

type XhrBody = Document | XMLHttpRequestBodyInit | null;

interface OpenCall {
  readonly method: string;
  readonly url: string;
  readonly async: boolean;
  readonly username: string | null | undefined;
  readonly password: string | null | undefined;
}

const EVENTS = ['readystatechange', 'loadstart', 'progress', 'abort', 'error', 'load', 'timeout', 'loadend'] as const;
const HEADERS_RECEIVED = 2;
const DONE = 4;

/**
 * Subclasses `XMLHttpRequest` with the rules of wrapFetch: requests to the UI's API get the ID token (an
 * asynchronous request waits in OPENED until the session has one; a synchronous one takes the current token or
 * none), the app's headers are kept and its own `Authorization` is never replaced, a 403 is reported.
 * On a 401 to an asynchronous request, the events of that attempt are held back from the app's listeners (ours
 * are registered first, in the constructor), the session renews once, and the request is opened and sent again
 * once with the same headers and body (every body XMLHttpRequest accepts is buffered, hence replayable). When no
 * new token comes, the held-back completion events are dispatched as they were.
 */
export function wrapXhr(Original: typeof XMLHttpRequest, context: FetchWrapperContext): typeof XMLHttpRequest {
  const { scope, auth, documentBase } = context;

  class XMLHttpRequestWithLogin extends Original {
    #open: OpenCall | null = null;
    #headers: [string, string][] = [];
    #appAuthorization = false;
    #covered = false;
    #body: XhrBody = null;
    /** The token this attempt carries (null: none added by us). */
    #sent: string | null = null;
    #retried = false;
    /** While true, this attempt's events stop at our listener; the ones after DONE are kept to replay. */
    #hidden = false;
    #heldBack: Event[] = [];
    /** Bumped by open() and abort(): a deferred send or retry of an older generation does nothing. */
    #generation = 0;
    #pending = false;

    constructor() {
      super();
      for (const type of EVENTS) {
        this.addEventListener(type, (event) => {
          if (type === 'readystatechange') this.#watch();
          if (!this.#hidden) return;
          event.stopImmediatePropagation();
          if (this.readyState === DONE && type !== 'readystatechange') this.#heldBack.push(event);
          else if (this.readyState === DONE) this.#heldBack = [event];
          // A new task: the held-back events are copied and replayed only once this dispatch is over.
          if (type === 'loadend') setTimeout(() => void this.#retry(), 0);
        });
      }
    }

    override open(method: string, url: string | URL, async = true, username?: string | null, password?: string | null): void {
      this.#generation++;
      this.#pending = false;
      this.#open = { method, url: String(url), async, username, password };
      this.#headers = [];
      this.#appAuthorization = false;
      this.#covered = scope.covers(String(url), documentBase());
      this.#sent = null;
      this.#retried = false;
      this.#hidden = false;
      this.#heldBack = [];
      super.open(method, url, async, username, password);
    }

    override setRequestHeader(name: string, value: string): void {
      super.setRequestHeader(name, value);
      this.#headers.push([name, value]);
      if (name.trim().toLowerCase() === 'authorization') this.#appAuthorization = true;
    }

    override send(body?: XhrBody): void {
      const open = this.#open;
      if (this.#pending) throw new DOMException('send() was called twice', 'InvalidStateError');
      if (open === null || !this.#covered || this.#appAuthorization || this.readyState !== this.OPENED) {
        super.send(body);
        return;
      }
      this.#body = body ?? null;
      if (!open.async) {
        this.#authorize(auth.currentToken());
        super.send(body);
        return;
      }
      // Until the session has a token the request stays OPENED, as if the network were slow.
      const generation = this.#generation;
      this.#pending = true;
      void auth.token().then(
        (token) => this.#sendNow(generation, token),
        () => this.#sendNow(generation, null),
      );
    }

    override abort(): void {
      const wasWaiting = this.#pending || this.#hidden;
      this.#generation++;
      this.#pending = false;
      this.#hidden = false;
      this.#heldBack = [];
      super.abort();
      // The app sent a request we were still holding: it gets the events an abort in flight gives.
      if (wasWaiting) for (const type of ['abort', 'loadend']) this.dispatchEvent(new ProgressEvent(type));
    }

    #sendNow(generation: number, token: string | null): void {
      if (generation !== this.#generation) return;
      this.#pending = false;
      this.#authorize(token);
      super.send(this.#body);
    }

    #authorize(token: string | null): void {
      if (token === null) return;
      super.setRequestHeader('Authorization', `Bearer ${token}`);
      this.#sent = token;
    }

    #watch(): void {
      if (this.#hidden || this.readyState < HEADERS_RECEIVED || !this.#covered) return;
      const open = this.#open;
      if (this.status === 401 && this.#sent !== null && !this.#retried && open?.async === true && isReplayableBody(this.#body)) {
        this.#hidden = true;
      } else if (this.readyState === DONE && this.status === 403 && open !== null) {
        auth.forbidden(open.method.toUpperCase(), new URL(open.url, documentBase()).href);
      }
    }

    async #retry(): Promise<void> {
      const generation = this.#generation;
      const rejected = this.#sent;
      const open = this.#open;
      const renewed = rejected === null ? null : await auth.renew(rejected).catch(() => null);
      if (generation !== this.#generation || open === null) return;
      // Either way this attempt's 401 is settled: the replayed or retried events are not held back again.
      this.#retried = true;
      if (renewed === null || renewed === rejected) {
        this.#hidden = false;
        const held = this.#heldBack;
        this.#heldBack = [];
        for (const event of held) this.dispatchEvent(copyEvent(event));
        return;
      }
      super.open(open.method, open.url, open.async, open.username, open.password);
      for (const [name, value] of this.#headers) super.setRequestHeader(name, value);
      this.#authorize(renewed);
      super.send(this.#body);
      this.#hidden = false;
      this.#heldBack = [];
    }
  }
  return XMLHttpRequestWithLogin;
}

function copyEvent(event: Event): Event {
  if (!(event instanceof ProgressEvent)) return new Event(event.type);
  return new ProgressEvent(event.type, { lengthComputable: event.lengthComputable, loaded: event.loaded, total: event.total });
}
