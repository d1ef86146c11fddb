import { element, FONT, shadowHost, whenBody } from './shadow-host.js';

const CSS = `
.account { position: fixed; right: 16px; bottom: 12px; z-index: 2147483646; display: flex; align-items: center;
  gap: 8px; padding: 4px 4px 4px 12px; border: 1px solid #d1d9e1; border-radius: 16px; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); ${FONT} font-size: 12px; color: #5f7281; }
button { ${FONT} font-size: 12px; padding: 2px 10px; border: 1px solid #2272b4; border-radius: 12px;
  background: #fff; color: #2272b4; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: default; }
`;

/** The visible "Sign out" control, with the signed-in user's name, fixed in a corner of the page. */
export class AccountControl {
  readonly #logout: () => Promise<void>;
  #name: HTMLElement | null = null;

  constructor(logout: () => Promise<void>) {
    this.#logout = logout;
  }

  show(name: string): void {
    if (this.#name !== null) {
      this.#name.textContent = name;
      return;
    }
    const { host, root } = shadowHost('mlflow-login-account', CSS);
    const box = element('div', 'account');
    this.#name = element('span', 'name', name);
    const button = element('button', 'sign-out', 'Sign out');
    button.type = 'button';
    button.addEventListener('click', () => {
      button.disabled = true;
      void this.#logout();
    });
    box.append(this.#name, button);
    root.append(box);
    whenBody((body) => body.append(host));
  }
}
