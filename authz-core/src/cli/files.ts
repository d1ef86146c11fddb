import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The folder `npm run generate` owns, relative to the project root. */
export const GENERATED_DIR = 'generated';

/**
 * Replaces `<root>/generated` as a whole with exactly `files` (paths under generated/ → content): the new tree is
 * written complete in a sibling folder, then swapped in with two renames (the old folder aside, the new one in
 * place), so that readers see the old generated/ or the new one and files no longer planned (a removed role's)
 * disappear with the old tree. `beforeSwap` runs once the new tree is on disk (tests inject failures there).
 * A swap cut short between its two renames leaves `.generated.old-*` beside a missing generated/; the next run
 * puts it back first.
 */
export async function replaceGenerated(root: string, files: ReadonlyMap<string, string>, beforeSwap: () => Promise<void> = async () => {}): Promise<void> {
  const target = join(root, GENERATED_DIR);
  await restoreInterruptedSwap(root);
  const staging = await mkdtemp(join(root, '.generated.staging-'));
  let old: string | undefined;
  try {
    for (const [path, content] of files) {
      if (!path.startsWith(`${GENERATED_DIR}/`)) throw new Error(`not a generated/ path: ${path}`);
      const destination = join(staging, path.slice(GENERATED_DIR.length + 1));
      await mkdir(dirname(destination), { recursive: true });
      await writeFile(destination, content);
    }
    await beforeSwap();
    if (await exists(target)) {
      old = join(root, `.generated.old-${staging.slice(staging.lastIndexOf('-') + 1)}`);
      await rename(target, old);
    }
    await rename(staging, target);
  } catch (error) {
    if (old !== undefined && !(await exists(target))) await rename(old, target);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (old !== undefined) await rm(old, { recursive: true, force: true });
  }
}

/** How generated/ on disk differs from `files`: `changed`, `missing` or `unexpected` per path, sorted by path. */
export async function generatedDifferences(root: string, files: ReadonlyMap<string, string>): Promise<{ path: string; kind: 'changed' | 'missing' | 'unexpected' }[]> {
  const differences: { path: string; kind: 'changed' | 'missing' | 'unexpected' }[] = [];
  const present = new Set(await listGenerated(root));
  for (const [path, content] of files) {
    if (!present.has(path)) differences.push({ path, kind: 'missing' });
    else if ((await readFile(join(root, path), 'utf8')) !== content) differences.push({ path, kind: 'changed' });
  }
  for (const path of present) if (!files.has(path)) differences.push({ path, kind: 'unexpected' });
  return differences.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Every file under generated/ (paths from the root, `/`-separated). */
export async function listGenerated(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(join(root, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = `${sub}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else found.push(path);
    }
  };
  await walk(GENERATED_DIR);
  return found.sort();
}

async function restoreInterruptedSwap(root: string): Promise<void> {
  if (await exists(join(root, GENERATED_DIR))) return;
  const aside = (await readdir(root)).filter((name) => name.startsWith('.generated.old-')).sort();
  const last = aside.at(-1);
  if (last !== undefined) await rename(join(root, last), join(root, GENERATED_DIR));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
