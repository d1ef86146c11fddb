import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { sha256 } from '../generate/plan.js';
import type { Manifest } from '../generate/formats.js';

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`: the specifiers a module loads.
const SPECIFIER = /(?:\bimport|\bexport)\s*(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s*)?\(?\s*['"]([^'"\n]+)['"]/g;

/**
 * The generator as manifest.json records it: every project file the entry modules load, transitively (path from
 * `projectDir` → SHA-256 of its bytes), and the version of every package they load. Relative `.js` specifiers
 * resolve to the `.ts` source; workspace packages (`@mlflow-authz/…`) through their `exports`; `node:` builtins
 * are left out. A change to any of these files can change what generate writes, so `--check` compares them.
 */
export async function generatorSources(projectDir: string, entries: readonly string[]): Promise<Manifest['generator']> {
  const workspaces = await workspaceExports(projectDir);
  const sources = new Map<string, string>();
  const packages = new Map<string, string>();
  const queue = entries.map((e) => resolve(projectDir, e));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const path = relative(projectDir, file).split(sep).join('/');
    if (sources.has(path)) continue;
    const bytes = await readFile(file);
    sources.set(path, sha256(bytes));
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    for (const match of bytes.toString('utf8').matchAll(SPECIFIER)) {
      const specifier = match[1] as string;
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) {
        const target = await existing(resolve(dirname(file), specifier));
        if (target !== undefined) queue.push(target);
        continue;
      }
      const name = packageName(specifier);
      const workspace = workspaces.get(name);
      if (workspace !== undefined) {
        const entry = workspace.exports.get(`.${specifier.slice(name.length)}`);
        if (entry !== undefined) queue.push(resolve(workspace.dir, entry));
        continue;
      }
      const version = await packageVersion(projectDir, name);
      if (version !== undefined) packages.set(name, version);
    }
  }
  return { sources: Object.fromEntries(sources), packages: Object.fromEntries(packages) };
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

// `./x.js` is the TypeScript source `./x.ts`; a specifier that names no file (text in a comment) is skipped.
async function existing(path: string): Promise<string | undefined> {
  const candidates = path.endsWith('.js') ? [path.slice(0, -3) + '.ts', path] : [path, `${path}.ts`];
  for (const candidate of candidates) {
    if (await readFile(candidate).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

async function workspaceExports(projectDir: string): Promise<Map<string, { dir: string; exports: Map<string, string> }>> {
  const root = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const result = new Map<string, { dir: string; exports: Map<string, string> }>();
  for (const workspace of root.workspaces ?? []) {
    const dir = join(projectDir, workspace);
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').then((t) => JSON.parse(t) as { name?: string; exports?: unknown }, () => undefined);
    if (manifest?.name === undefined) continue;
    const exports = new Map<string, string>();
    if (typeof manifest.exports === 'string') exports.set('.', manifest.exports);
    else if (manifest.exports !== null && typeof manifest.exports === 'object') {
      for (const [key, value] of Object.entries(manifest.exports)) if (typeof value === 'string') exports.set(key, value);
    }
    result.set(manifest.name, { dir, exports });
  }
  return result;
}

async function packageVersion(projectDir: string, name: string): Promise<string | undefined> {
  const text = await readFile(join(projectDir, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as { version?: string }).version;
}
