// A stand-in for the browser's XMLHttpRequest, for the wrapper's unit tests in Node: the states, events and their
// order of the XHR standard (open → readystatechange 1; send → loadstart, then asynchronously 2, 3, progress, 4,
// load, loadend; abort → 4, abort, loadend, then UNSENT), handler attributes registered as listeners when first
// set, and a scripted server. The real browser is exercised by ui-patch/test/browser-login.e2e.test.ts.

/** A request as the fake server sees it. */
export interface FakeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type FakeServer = (request: FakeRequest) => { status: number; body: string };

// Node has no ProgressEvent; the wrapper dispatches some itself.
class NodeProgressEvent extends Event {
  readonly lengthComputable: boolean;
  readonly loaded: number;
  readonly total: number;
  constructor(type: string, init: ProgressEventInit = {}) {
    super(type);
    this.lengthComputable = init.lengthComputable ?? false;
    this.loaded = init.loaded ?? 0;
    this.total = init.total ?? 0;
  }
}
(globalThis as { ProgressEvent?: unknown }).ProgressEvent ??= NodeProgressEvent;

const HANDLERS = ['readystatechange', 'loadstart', 'progress', 'abort', 'error', 'load', 'timeout', 'loadend'] as const;

/** A fake XMLHttpRequest class whose requests `server` answers; `sent` records them. */
export function fakeXhrClass(server: FakeServer): { FakeXhr: typeof XMLHttpRequest; sent: FakeRequest[] } {
  const sent: FakeRequest[] = [];

  class FakeXMLHttpRequest extends EventTarget {
    readonly UNSENT = 0;
    readonly OPENED = 1;
    readonly HEADERS_RECEIVED = 2;
    readonly LOADING = 3;
    readonly DONE = 4;
    readyState = 0;
    status = 0;
    responseText = '';
    #method = 'GET';
    #url = '';
    #async = true;
    #headers: Record<string, string> = {};
    #sendFlag = false;
    #generation = 0;
    #handlers = new Map<string, ((event: Event) => void) | null>();

    constructor() {
      super();
      for (const type of HANDLERS) {
        Object.defineProperty(this, `on${type}`, {
          get: () => this.#handlers.get(type) ?? null,
          set: (fn: ((event: Event) => void) | null) => {
            // As in browsers: the listener takes its place among the others when the attribute is first set.
            if (!this.#handlers.has(type)) this.addEventListener(type, (event) => this.#handlers.get(type)?.call(this, event));
            this.#handlers.set(type, fn);
          },
        });
      }
    }

    open(method: string, url: string | URL, async = true): void {
      this.#generation++;
      this.#method = method.toUpperCase();
      this.#url = String(url);
      this.#async = async;
      this.#headers = {};
      this.#sendFlag = false;
      this.status = 0;
      this.responseText = '';
      this.readyState = 1;
      this.dispatchEvent(new Event('readystatechange'));
    }

    setRequestHeader(name: string, value: string): void {
      if (this.readyState !== 1 || this.#sendFlag) throw new DOMException('setRequestHeader outside OPENED', 'InvalidStateError');
      const key = name.toLowerCase();
      this.#headers[key] = this.#headers[key] === undefined ? value : `${this.#headers[key]}, ${value}`;
    }

    send(body: unknown = null): void {
      if (this.readyState !== 1 || this.#sendFlag) throw new DOMException('send outside OPENED', 'InvalidStateError');
      this.#sendFlag = true;
      const request = { method: this.#method, url: this.#url, headers: { ...this.#headers }, body };
      const generation = this.#generation;
      if (!this.#async) {
        this.#complete(request);
        return;
      }
      this.dispatchEvent(new ProgressEvent('loadstart'));
      setTimeout(() => {
        if (generation === this.#generation) this.#complete(request);
      }, 0);
    }

    abort(): void {
      this.#generation++;
      if ((this.readyState === 1 && this.#sendFlag) || this.readyState === 2 || this.readyState === 3) {
        this.readyState = 4;
        this.#sendFlag = false;
        this.status = 0;
        for (const type of ['readystatechange', 'abort', 'loadend']) this.dispatchEvent(type === 'readystatechange' ? new Event(type) : new ProgressEvent(type));
      }
      if (this.readyState === 4) this.readyState = 0;
    }

    #complete(request: FakeRequest): void {
      sent.push(request);
      const answer = server(request);
      this.status = answer.status;
      if (this.#async) {
        this.readyState = 2;
        this.dispatchEvent(new Event('readystatechange'));
        this.readyState = 3;
        this.dispatchEvent(new Event('readystatechange'));
        this.dispatchEvent(new ProgressEvent('progress', { loaded: answer.body.length }));
      }
      this.responseText = answer.body;
      this.readyState = 4;
      this.#sendFlag = false;
      this.dispatchEvent(new Event('readystatechange'));
      this.dispatchEvent(new ProgressEvent('load', { loaded: answer.body.length }));
      this.dispatchEvent(new ProgressEvent('loadend', { loaded: answer.body.length }));
    }
  }

  return { FakeXhr: FakeXMLHttpRequest as unknown as typeof XMLHttpRequest, sent };
}
