import { element, FONT, shadowHost, whenBody } from './shadow-host.js';

const CSS = `
.stack { position: fixed; right: 16px; bottom: 56px; z-index: 2147483646; display: flex; flex-direction: column;
  gap: 8px; max-width: 28em; ${FONT} }
.toast { padding: 10px 14px; border-left: 4px solid #c82d4c; border-radius: 4px; background: #fff; color: #1f272d;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.18); overflow-wrap: anywhere; }
`;
const SHOW_MS = 8_000;
const MAX_SHOWN = 3;

/** Small passing messages in the corner (permission refusals); the same text is not stacked twice. */
export class Toasts {
  #stack: HTMLElement | null = null;

  show(text: string): void {
    const stack = this.#mount();
    for (const toast of stack.children) if (toast.textContent === text) return;
    const toast = element('div', 'toast', text);
    toast.setAttribute('role', 'status');
    stack.append(toast);
    while (stack.children.length > MAX_SHOWN) stack.firstElementChild?.remove();
    setTimeout(() => toast.remove(), SHOW_MS);
  }

  #mount(): HTMLElement {
    if (this.#stack !== null) return this.#stack;
    const { host, root } = shadowHost('mlflow-login-toasts', CSS);
    this.#stack = element('div', 'stack');
    root.append(this.#stack);
    whenBody((body) => body.append(host));
    return this.#stack;
  }
}
