// Build steps local mode runs itself when their output is missing or older than their sources: the authorizer
// bundle and ui-patch's login script and injector, each with its package's own build script.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalModeError } from '../errors.js';

/** The newest modification time (ms) of the non-test `.ts`/`.json` files under `path` (a file or a folder), 0 if none. */
export async function newestSource(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts') || !/\.(ts|json)$/.test(entry.name)) continue;
    const { mtimeMs } = await stat(join(entry.parentPath, entry.name));
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

/** The newest modification time among `inputs` (paths relative to `root`). */
export async function newestOf(root: string, inputs: readonly string[]): Promise<number> {
  return Math.max(0, ...(await Promise.all(inputs.map((input) => newestSource(join(root, input))))));
}

/**
 * Runs a package's build script (`script`, relative to `root`) with the project's tsx and `args`; a failure is a
 * `LocalModeError` naming `what` and the script's last line of output.
 */
export function runBuildScript(root: string, script: string, args: readonly string[], what: string): Promise<void> {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new LocalModeError(`cannot build ${what}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new LocalModeError(`building ${what} failed: ${output.trim().split('\n').at(-1) ?? `exit ${code}`}`));
    });
  });
}
