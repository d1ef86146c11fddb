import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** A folder a stage owns whole: after a write it holds exactly the planned files under it (one level, no subfolders). */
export interface FileOptions {
  readonly ownedDir?: string;
}

/**
 * Writes every file or none: all contents go to a staging folder beside their destination first, and only once
 * all of them are on disk are they renamed into place (a rename within one filesystem is atomic per file). An
 * `ownedDir` is assembled whole in staging and swapped in for the old one, so files no longer planned (a role
 * that was removed) disappear with it and readers see the old set or the new one.
 */
export async function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>, options: FileOptions = {}): Promise<void> {
  const stagingParent = join(root, 'generated');
  await mkdir(stagingParent, { recursive: true });
  const staging = await mkdtemp(join(stagingParent, '.staging-'));
  const owned = options.ownedDir;
  try {
    const staged: [string, string][] = [];
    const [loose, ownedStaging] = [join(staging, 'files'), join(staging, 'owned')];
    await mkdir(loose);
    await mkdir(ownedStaging);
    for (const [path, content] of files) {
      if (owned !== undefined && isUnder(path, owned)) {
        await writeFile(join(ownedStaging, relative(owned, path)), content);
        continue;
      }
      const temp = join(loose, relative('generated', path).replaceAll('/', '__'));
      await writeFile(temp, content);
      staged.push([temp, join(root, path)]);
    }
    for (const [, destination] of staged) await mkdir(dirname(destination), { recursive: true });
    if (owned !== undefined) {
      const destination = join(root, owned);
      await mkdir(dirname(destination), { recursive: true });
      await rename(destination, join(staging, 'replaced')).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(ownedStaging, destination);
    }
    for (const [temp, destination] of staged) await rename(temp, destination);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Paths whose content on disk differs from the planned content (missing files included), and unplanned files in `ownedDir`. */
export async function staleFiles(root: string, files: ReadonlyMap<string, string>, options: FileOptions = {}): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(path);
  }
  const owned = options.ownedDir;
  if (owned !== undefined) {
    const present = await readdir(join(root, owned)).catch(() => [] as string[]);
    for (const name of present.sort()) if (!files.has(`${owned}/${name}`)) stale.push(`${owned}/${name}`);
  }
  return stale;
}

function isUnder(path: string, dir: string): boolean {
  return path.startsWith(`${dir}/`);
}
