import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalModeError } from '../errors.js';
import { writeStandInBuild } from './stand-in-build.js';
import { ensureUiPatchBuild } from './ui-patch-build.js';

/** The stand-in MLflow UI, built and injected, ready to serve. */
export interface StandInUi {
  /** The UI folder (index.html, static/js/…) the gateway serves at `/` and `/static-files/`. */
  readonly folder: string;
  /** Whether ui-patch's artifacts were rebuilt for it. */
  readonly uiPatchBuilt: boolean;
  /** Removes the folder. */
  readonly remove: () => Promise<void>;
}

/**
 * Prepares the UI local mode serves in front of its stand-in MLflow: the MLflow-shaped stand-in build written to a
 * fresh temporary folder, then ui-patch's injector run on it with ui-patch's login script (both from `uiPatchDist`,
 * built there first when missing or stale) — what the deployed image's Dockerfile does to MLflow's own build.
 */
export async function prepareStandInUi(root: string, uiPatchDist: string): Promise<StandInUi> {
  const folder = await mkdtemp(join(tmpdir(), 'mlflow-local-ui-'));
  try {
    const [patch] = await Promise.all([ensureUiPatchBuild(root, uiPatchDist), writeStandInBuild(folder)]);
    await runInjector(patch.injector, folder, patch.browserBundle);
    return { folder, uiPatchBuilt: patch.built, remove: () => rm(folder, { recursive: true, force: true }) };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function runInjector(injector: string, folder: string, bundle: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [injector, folder, '--bundle', bundle], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new LocalModeError(`cannot run ui-patch's injector: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new LocalModeError(`ui-patch's injector refused the stand-in UI: ${output.trim()}`))));
  });
}
