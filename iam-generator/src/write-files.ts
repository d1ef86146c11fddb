import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { POLICIES_DIR } from './generated-files.js';

/**
 * Replaces the policies folder and writes the other files, all staged first: the new folder is assembled
 * beside the old one, then swapped in by renames, so readers see the old set or the new one, and files of
 * roles that no longer exist disappear with the old folder.
 */
export async function writeGeneratedFiles(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  const generated = join(root, 'generated');
  await mkdir(generated, { recursive: true });
  const staging = await mkdtemp(join(generated, '.staging-iam-'));
  try {
    const moves: [string, string][] = [];
    for (const [path, content] of files) {
      const staged = join(staging, path);
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, content);
      if (!path.startsWith(`${POLICIES_DIR}/`)) moves.push([staged, join(root, path)]);
    }
    const policies = join(root, POLICIES_DIR);
    await mkdir(dirname(policies), { recursive: true });
    const old = join(staging, 'old-policies');
    await rename(policies, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await mkdir(join(staging, POLICIES_DIR), { recursive: true });
    await rename(join(staging, POLICIES_DIR), policies);
    for (const [from, to] of moves) await rename(from, to);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Paths that differ from the planned files: changed or missing ones, and files in the policies folder not planned. */
export async function staleGeneratedFiles(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(path);
  }
  const present = await readdir(join(root, POLICIES_DIR)).catch(() => [] as string[]);
  for (const name of present.sort()) if (!files.has(`${POLICIES_DIR}/${name}`)) stale.push(`${POLICIES_DIR}/${name}`);
  return stale;
}
