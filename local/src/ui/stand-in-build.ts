// The stand-in MLflow UI as a built UI folder in the shape of MLflow's own (mlflow/server/js/build): index.html as
// the production build writes it — one minified line, relative static-files/ URLs, the main bundle a deferred
// script in <head> — and the files it names. The app is local mode's own (stand-in-app.js); nothing of MLflow's
// build is copied. ui-patch's injector recognises it as it recognises a real build.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** The app's source (a classic browser script), read at run time so the bundled CLI serves the current one. */
export const STAND_IN_APP_SOURCE = join(PROJECT_ROOT, 'local', 'src', 'ui', 'stand-in-app.js');

const CSS = [
  'body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f272d}',
  '#root{max-width:52rem;margin:2rem auto;padding:0 1rem}',
  'button{margin:.2rem .4rem .2rem 0;padding:.3rem .7rem}',
  '#results{font-family:ui-monospace,monospace}',
  '#results li[data-status="403"],#results li[data-status="401"],#results li[data-status="failed"]{color:#c82d4c}',
].join('');

/** What was written: the files' names as index.html refers to them. */
export interface StandInBuild {
  readonly mainJs: string;
  readonly mainCss: string;
}

/** Writes the stand-in UI's build into `dir` (created if needed): index.html, static/js/main.<hash>.js, its CSS. */
export async function writeStandInBuild(dir: string): Promise<StandInBuild> {
  const app = await readFile(STAND_IN_APP_SOURCE, 'utf8');
  const mainJs = `main.${contentHash(app)}.js`;
  const mainCss = `main.${contentHash(CSS)}.css`;
  await mkdir(join(dir, 'static', 'js'), { recursive: true });
  await mkdir(join(dir, 'static', 'css'), { recursive: true });
  await writeFile(join(dir, 'static', 'js', mainJs), app);
  await writeFile(join(dir, 'static', 'css', mainCss), CSS);
  await writeFile(join(dir, 'index.html'), indexHtml(mainJs, mainCss));
  return { mainJs, mainCss };
}

/** index.html as MLflow 3.x's build writes it, naming these bundles. */
export function indexHtml(mainJs: string, mainCss: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/>' +
    '<meta name="theme-color" content="#000000"/><title>MLflow (local mode)</title>' +
    `<script defer="defer" src="static-files/static/js/${mainJs}"></script><link href="static-files/static/css/${mainCss}" rel="stylesheet">` +
    '</head><body><noscript>You need to enable JavaScript to run this app.</noscript>' +
    '<div id="root" class="mlflow-ui-container"></div><div id="modal" class="mlflow-ui-container"></div></body></html>'
  );
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
