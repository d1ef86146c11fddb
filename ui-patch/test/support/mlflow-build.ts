// A built MLflow UI folder in the shape of the real one (mlflow/server/js/build): index.html as the CRA build
// writes it — one minified line, relative static-files/ URLs, the main bundle as a deferred script in <head> —
// and the files it names. Its scripts are the tests' own; nothing of MLflow's build is copied.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MAIN_JS = 'main.3f9a1c2e.js';
export const MAIN_CSS = 'main.4b1d2e3f.css';

/** index.html of a 3.x build (manifest with crossorigin, container classes) or of an older 2.x build. */
export function mlflowIndexHtml(variant: '3.x' | '2.x' = '3.x'): string {
  const manifest = variant === '3.x' ? '<link rel="manifest" href="./static-files/manifest.json" crossorigin="use-credentials"/>' : '<link rel="manifest" href="./static-files/manifest.json"/>';
  const container = variant === '3.x' ? ' class="mlflow-ui-container"' : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/>' +
    '<link rel="shortcut icon" href="./static-files/favicon.ico"/><meta name="theme-color" content="#000000"/>' +
    `${manifest}<title>MLflow</title><script defer="defer" src="static-files/static/js/${MAIN_JS}"></script>` +
    `<link href="static-files/static/css/${MAIN_CSS}" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript>` +
    `<div id="root"${container}></div><div id="modal"${container}></div></body></html>`
  );
}

/** Writes a built UI folder: index.html, static/js/<MAIN_JS> (= `mainJs`), static/css/<MAIN_CSS>, favicon. */
export async function writeMlflowBuild(dir: string, mainJs: string, html: string = mlflowIndexHtml()): Promise<void> {
  await mkdir(join(dir, 'static', 'js'), { recursive: true });
  await mkdir(join(dir, 'static', 'css'), { recursive: true });
  await writeFile(join(dir, 'index.html'), html);
  await writeFile(join(dir, 'static', 'js', MAIN_JS), mainJs);
  await writeFile(join(dir, 'static', 'css', MAIN_CSS), '#root{font-family:sans-serif}');
  await writeFile(join(dir, 'favicon.ico'), '');
}
