// Is generated/ what `npm run generate` would write now? Answered from the hashes generated/manifest.json records —
// of permissions.yaml, of every generator source file and package version, and of every generated file — without
// compiling or proving anything. Plain JavaScript, so that `npm run generate -- --check` (scripts/generate.mjs) runs
// it in plain Node in a fraction of a second; local mode asks the same question before it serves
// (`@mlflow-authz/core/generated-check`). The test suite regenerates in memory and compares bytes
// (scripts/generate.test.ts), which is what makes the hash check trustworthy.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const readOrUndefined = (path) => readFile(path).catch(() => undefined);

/**
 * Why generated/ under `root` is stale, one reason per difference (empty when it is current), and the manifest read.
 * `projectDir`: the checkout whose generator sources and node_modules the manifest's `generator` hashes refer to;
 * `permissionsFile` (default `root/permissions.yaml`) is named in reasons as `shownFile` (default `permissions.yaml`).
 *
 * @param {{ root: string, projectDir: string, permissionsFile?: string, shownFile?: string }} options
 * @returns {Promise<{ manifest: import('./generated-check.d.mts').RecordedManifest | null, stale: string[] }>}
 */
export async function generatedStaleness({ root, projectDir, permissionsFile = join(root, 'permissions.yaml'), shownFile = 'permissions.yaml' }) {
  const manifestText = await readOrUndefined(join(root, 'generated', 'manifest.json'));
  let manifest;
  try {
    manifest = JSON.parse(manifestText?.toString('utf8') ?? 'null');
  } catch {
    manifest = null;
  }
  if (manifest === null || typeof manifest !== 'object' || typeof manifest.files !== 'object' || typeof manifest.generator?.sources !== 'object') {
    return { manifest: null, stale: ['generated/manifest.json is missing or unreadable'] };
  }
  const stale = [];
  const yaml = await readOrUndefined(permissionsFile);
  if (yaml === undefined) stale.push(`${shownFile} cannot be read`);
  else if (sha256(yaml) !== manifest.inputs?.['permissions.yaml']) stale.push(`${shownFile} changed since generated/ was written`);
  for (const [path, hash] of Object.entries(manifest.generator.sources)) {
    const bytes = await readOrUndefined(join(projectDir, path));
    if (bytes === undefined || sha256(bytes) !== hash) stale.push(`generator source ${path} ${bytes === undefined ? 'is gone' : 'changed'}`);
  }
  for (const [name, version] of Object.entries(manifest.generator.packages ?? {})) {
    const json = await readOrUndefined(join(projectDir, 'node_modules', name, 'package.json'));
    const installed = json === undefined ? undefined : JSON.parse(json.toString('utf8')).version;
    if (installed !== version) stale.push(`package ${name} is ${installed ?? 'not installed'}, generated/ was made with ${version}`);
  }
  const present = await listFiles(root, 'generated');
  for (const [path, hash] of Object.entries(manifest.files)) {
    const bytes = await readOrUndefined(join(root, path));
    if (bytes === undefined || sha256(bytes) !== hash) stale.push(`${path} ${bytes === undefined ? 'is missing' : 'was changed by hand'}`);
  }
  for (const path of present) if (path !== 'generated/manifest.json' && !(path in manifest.files)) stale.push(`${path} is not a generated file`);
  return { manifest, stale };
}

async function listFiles(root, dir) {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else files.push(path);
  }
  return files;
}
