import { element, FONT, shadowHost, whenBody } from './shadow-host.js';

const CSS = `
.backdrop { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center; justify-content: center;
  background: rgba(255, 255, 255, 0.92); ${FONT} color: #1f272d; }
.card { max-width: 36em; padding: 24px 28px; border: 1px solid #d1d9e1; border-radius: 8px; background: #fff;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.12); }
.title { margin: 0 0 8px; font-size: 18px; font-weight: 600; }
.text { margin: 0 0 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
button { ${FONT} padding: 6px 14px; border: 0; border-radius: 4px; background: #2272b4; color: #fff; cursor: pointer; }
`;

/**
 * Shows a blocking message over the page: the login cannot go on (a broken configuration document, a failed
 * sign-in). The MLflow UI is never left blank or half-working without a word. One notice at a time.
 */
export function showNotice(title: string, text: string, action: { label: string; run: () => void } | null): void {
  document.getElementById('mlflow-login-notice')?.remove();
  const { host, root } = shadowHost('mlflow-login-notice', CSS);
  const card = element('div', 'card');
  card.setAttribute('role', 'alertdialog');
  card.append(element('h1', 'title', title), element('p', 'text', text));
  if (action !== null) {
    const button = element('button', 'action', action.label);
    button.addEventListener('click', () => {
      host.remove();
      action.run();
    });
    card.append(button);
  }
  const backdrop = element('div', 'backdrop');
  backdrop.append(card);
  root.append(backdrop);
  whenBody((body) => body.append(host));
}
