// A temporary copy of this checkout for the CI checks that must change it (scripts/ci/): its files (tracked, and
// new ones not ignored), with node_modules hard-linked instead of reinstalled; the workspaces' links in node_modules
// are relative, so they resolve inside the copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this script belongs to. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The checkout's files (tracked, and new ones not ignored) copied to `dir`; node_modules hard-linked. */
export function copyCheckout(dir) {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file), { verbatimSymlinks: true });
  }
  const workspaces = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
  for (const folder of ['.', ...workspaces]) {
    if (existsSync(join(ROOT, folder, 'node_modules'))) execFileSync('cp', ['-al', join(ROOT, folder, 'node_modules'), join(dir, folder, 'node_modules')]);
  }
}

/**
 * Runs `work(dir)` in a fresh copy; the copy is removed afterwards unless `work` throws or KEEP_COPY=1 (then its
 * path is printed for a look).
 */
export function inTemporaryCopy(name, work) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  let done = false;
  try {
    copyCheckout(dir);
    const result = work(dir);
    done = true;
    return result;
  } finally {
    if (process.env.KEEP_COPY === '1' || !done) process.stdout.write(`[${name}] the copy is kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a command in `dir` with the output shown; `expectFailure`: it must fail instead. Returns its exit status. */
export function run(dir, command, args, { expectFailure = false } = {}) {
  process.stdout.write(`\n[${expectFailure ? 'must fail' : 'run'}] ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const failed = result.status !== 0;
  if (failed !== expectFailure) throw new Error(`${command} ${args.join(' ')} ${failed ? `failed (exit ${result.status ?? result.signal})` : 'passed, but must fail'} in ${dir}`);
  return result.status;
}
