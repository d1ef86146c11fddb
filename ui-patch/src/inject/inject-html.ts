// Rewriting MLflow's built index.html (a single minified line in real builds) as text: the layout is checked
// first, and anything unexpected is refused rather than guessed at.

export const BEGIN_MARKER = '<!-- mlflow-login:begin -->';
export const END_MARKER = '<!-- mlflow-login:end -->';

/** The file name the bundle gets beside the app's bundles: content-hashed, as MLflow serves static files for 28 days. */
export const BUNDLE_NAME = /^mlflow-login\.[0-9a-f]{10}\.js$/;

/** Why an index.html was refused; the message says what was expected. */
export class InjectError extends Error {
  override readonly name = 'InjectError';
}

/** What a recognized MLflow index.html holds. */
export interface UiLayout {
  /** The page without any earlier login block. */
  readonly html: string;
  /** Where the app's main bundle is, as written in its `src` (e.g. `static-files/static/js/main.1a2b3c4d.js`). */
  readonly mainSrc: string;
  /** The `src` prefix of the app's bundles (`static-files/static/js/`), where the login bundle goes too. */
  readonly scriptDir: string;
  /** The `src` of the login bundle injected earlier, if any. */
  readonly previousSrc: string | null;
}

const MAIN_SCRIPT = /<script\b[^>]*?\ssrc=(["']?)((?:\.\/)?static-files\/static\/js\/)(main\.[A-Za-z0-9_-]+\.js)\1[\s>/]/i;
const SCRIPT_OPEN = /<script[\s>]/i;
const INJECTED_SRC = /<script src="([^"]+)"><\/script>/;

/** Checks that `html` is a built MLflow index.html and finds the app's bundle; throws {@link InjectError} if not. */
export function readLayout(html: string): UiLayout {
  const { rest, previousSrc } = withoutBlock(html);
  if (!/<head[\s>]/i.test(rest) || !/<\/head>/i.test(rest)) throw new InjectError('index.html has no <head>…</head>: this is not a built MLflow UI page');
  const main = MAIN_SCRIPT.exec(rest);
  if (main === null) {
    throw new InjectError('index.html has no <script … src="static-files/static/js/main.<hash>.js">: this is not a built MLflow UI page (or a layout this injector does not know)');
  }
  const first = SCRIPT_OPEN.exec(rest);
  if (first === null || first.index > main.index) throw new InjectError('index.html: the first <script could not be found before the main bundle');
  const before = rest.slice(0, first.index);
  if (before.split('<!--').length !== before.split('-->').length) {
    throw new InjectError('index.html: the first <script is inside an HTML comment; refusing to insert the login there');
  }
  return { html: rest, mainSrc: `${main[2]}${main[3]}`, scriptDir: main[2] ?? '', previousSrc };
}

/**
 * The page with the login bundle loaded by a classic (not deferred) `<script src>` inserted right before its first
 * `<script`, between begin and end markers, so that it runs before MLflow's deferred bundle; an earlier login
 * block is replaced, so injecting again changes nothing but the bundle's name.
 */
export function injectLoginTag(layout: UiLayout, bundleFile: string): string {
  if (!BUNDLE_NAME.test(bundleFile)) throw new InjectError(`not a login bundle file name: ${bundleFile}`);
  const at = SCRIPT_OPEN.exec(layout.html)?.index ?? -1;
  const block = `${BEGIN_MARKER}<script src="${layout.scriptDir}${bundleFile}"></script>${END_MARKER}`;
  return `${layout.html.slice(0, at)}${block}${layout.html.slice(at)}`;
}

// An earlier injection is removed whole; markers that do not pair up mean a hand-edited page, refused.
function withoutBlock(html: string): { rest: string; previousSrc: string | null } {
  const begins = html.split(BEGIN_MARKER).length - 1;
  const ends = html.split(END_MARKER).length - 1;
  if (begins === 0 && ends === 0) return { rest: html, previousSrc: null };
  const start = html.indexOf(BEGIN_MARKER);
  const end = html.indexOf(END_MARKER);
  if (begins !== 1 || ends !== 1 || end < start) {
    throw new InjectError(`index.html has ${begins} "${BEGIN_MARKER}" and ${ends} "${END_MARKER}" markers (expected none, or one pair in order): restore MLflow's original index.html`);
  }
  const block = html.slice(start + BEGIN_MARKER.length, end);
  const src = INJECTED_SRC.exec(block)?.[1] ?? null;
  return { rest: html.slice(0, start) + html.slice(end + END_MARKER.length), previousSrc: src };
}
