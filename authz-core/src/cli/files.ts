import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * Writes every file or none: all contents go to a staging folder beside their destination first, and only once
 * all of them are on disk are they renamed into place (a rename within one filesystem is atomic per file).
 */
export async function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  const stagingParent = join(root, 'generated');
  await mkdir(stagingParent, { recursive: true });
  const staging = await mkdtemp(join(stagingParent, '.staging-'));
  try {
    const staged: [string, string][] = [];
    for (const [path, content] of files) {
      const temp = join(staging, relative('generated', path).replaceAll('/', '__'));
      await writeFile(temp, content);
      staged.push([temp, join(root, path)]);
    }
    for (const [, destination] of staged) await mkdir(dirname(destination), { recursive: true });
    for (const [temp, destination] of staged) await rename(temp, destination);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Paths whose content on disk differs from the planned content (missing files included). */
export async function staleFiles(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(path);
  }
  return stale;
}
