import { createHash } from 'node:crypto';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { BUNDLE_NAME, injectLoginTag, InjectError, readLayout } from './inject-html.js';

/** What injecting did. */
export interface InjectResult {
  readonly indexHtml: string;
  /** The bundle as the page loads it (`static-files/static/js/mlflow-login.<hash>.js`). */
  readonly src: string;
  /** The bundle's path on disk. */
  readonly bundlePath: string;
  readonly bundleBytes: number;
  /** False when the page already loaded this very bundle: nothing was written. */
  readonly changed: boolean;
  /** An older login bundle that was replaced and deleted, if any. */
  readonly removed: string | null;
}

/**
 * Adds the login to a built MLflow UI folder (the one holding index.html and static/js/): copies the bundle in
 * under a content-hashed name beside the app's bundles and loads it from index.html before any other script.
 * Everything is checked before anything is written; a refused folder is left as it was ({@link InjectError}).
 * index.html is replaced atomically (a temporary file renamed over it).
 */
export async function injectLogin(uiDir: string, bundleFile: string): Promise<InjectResult> {
  const indexHtml = join(uiDir, 'index.html');
  const html = await readOrFail(indexHtml, `${uiDir} has no index.html: give the built MLflow UI folder (…/site-packages/mlflow/server/js/build)`);
  const bundle = await readOrFail(bundleFile, `the login bundle ${bundleFile} does not exist: build it with \`npm run build -w @mlflow-authz/ui-patch\``);
  if (bundle.length === 0) throw new InjectError(`the login bundle ${bundleFile} is empty`);

  const layout = readLayout(html.toString('utf8'));
  const mainOnDisk = join(uiDir, ...servedPath(layout.mainSrc));
  await access(mainOnDisk).catch(() => {
    throw new InjectError(`index.html loads ${layout.mainSrc}, but ${mainOnDisk} does not exist: is ${uiDir} MLflow's built UI folder?`);
  });

  const name = `mlflow-login.${createHash('sha256').update(bundle).digest('hex').slice(0, 10)}.js`;
  const src = `${layout.scriptDir}${name}`;
  const bundlePath = join(dirname(mainOnDisk), name);
  const next = injectLoginTag(layout, name);
  const previous = layout.previousSrc === null ? null : join(uiDir, ...servedPath(layout.previousSrc));
  const changed = next !== html.toString('utf8') || !(await exists(bundlePath));
  if (changed) {
    await writeFile(bundlePath, bundle);
    const temporary = `${indexHtml}.mlflow-login-${process.pid}.tmp`;
    await writeFile(temporary, next);
    await rename(temporary, indexHtml);
  }
  // Only a file this injector named is ever deleted.
  const removed = previous !== null && previous !== bundlePath && ownFile(uiDir, previous) && (await exists(previous)) ? previous : null;
  if (removed !== null) await rm(removed);
  return { indexHtml, src, bundlePath, bundleBytes: bundle.length, changed, removed };
}

// `static-files/<path>` is served from the build folder's `<path>` (MLflow's /static-files/ route).
function servedPath(src: string): string[] {
  return src.replace(/^\.\//, '').replace(/^static-files\//, '').split('/');
}

function ownFile(uiDir: string, path: string): boolean {
  const inside = relative(uiDir, path);
  return BUNDLE_NAME.test(basename(path)) && !inside.startsWith('..') && !isAbsolute(inside);
}

async function readOrFail(path: string, problem: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new InjectError(problem);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
