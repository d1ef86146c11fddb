import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { newestOf, runBuildScript } from '../build/sources.js';

/** Where `npm run build -w @mlflow-authz/ui-patch` writes ui-patch's two artifacts, under the project root. */
export const DEFAULT_UI_PATCH_DIST = 'ui-patch/dist';

/** ui-patch's artifacts: the browser login script and the injector CLI (ui-patch/README.md). */
export interface UiPatchBuild {
  readonly browserBundle: string;
  readonly injector: string;
  /** Whether they were (re)built now. */
  readonly built: boolean;
}

const BROWSER_BUNDLE = 'mlflow-login.js';
const INJECTOR = 'inject-login.mjs';
// What the artifacts are built from: the login's sources, its build script, the cookie name from authz-core, and
// the locked versions of oidc-client-ts and jwt-decode.
const INPUTS = ['ui-patch/src', 'ui-patch/build', 'ui-patch/package.json', 'authz-core/src', 'package-lock.json'];

/**
 * Makes sure `distDir` holds ui-patch's login script and injector built from the current sources, building them
 * with ui-patch's own build script (`tsx ui-patch/build/build.ts OUTDIR`, what `npm run build -w
 * @mlflow-authz/ui-patch` runs) when missing or stale.
 */
export async function ensureUiPatchBuild(root: string, distDir: string): Promise<UiPatchBuild> {
  const browserBundle = join(distDir, BROWSER_BUNDLE);
  const injector = join(distDir, INJECTOR);
  const outputs = await Promise.all([browserBundle, injector].map((file) => stat(file).catch(() => undefined)));
  const oldest = Math.min(...outputs.map((o) => o?.mtimeMs ?? 0));
  if (oldest > 0 && (await newestOf(root, INPUTS)) <= oldest) return { browserBundle, injector, built: false };
  // Built into a folder of its own and renamed into place file by file, so that a reader never sees half a file.
  await mkdir(distDir, { recursive: true });
  const temporary = await mkdtemp(join(distDir, '.build-'));
  try {
    await runBuildScript(root, 'ui-patch/build/build.ts', [temporary], "ui-patch's login script");
    await rename(join(temporary, BROWSER_BUNDLE), browserBundle);
    await rename(join(temporary, INJECTOR), injector);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  return { browserBundle, injector, built: true };
}
