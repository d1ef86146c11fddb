/** Runs `show` once the document has a body (the login script runs in <head>, before there is one). */
export function whenBody(show: (body: HTMLElement) => void): void {
  if (document.body !== null) show(document.body);
  else document.addEventListener('DOMContentLoaded', () => show(document.body), { once: true });
}

/** A fixed element with its own shadow root, so MLflow's styles and ours never meet. */
export function shadowHost(id: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('div');
  host.id = id;
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}

/** An element with a class and text (never HTML: messages can hold server-supplied text). */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

export const FONT = 'font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;';
