import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from './cli.js';
import { main } from './cli.js';

const ROLES_JSON = new URL('../../generated/iam/roles.json', import.meta.url);
const roots: string[] = [];

async function project(mutate: (roles: { apiStageName: string; roles: Record<string, { operations: string[] }> }) => void = () => {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'iam-policies-'));
  roots.push(root);
  const roles = JSON.parse(await readFile(ROLES_JSON, 'utf8'));
  mutate(roles);
  await mkdir(join(root, 'generated', 'iam'), { recursive: true });
  await writeFile(join(root, 'generated', 'iam', 'roles.json'), JSON.stringify(roles));
  return root;
}

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), error: (l) => lines.push(`error: ${l}`) };
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const dir = join(root, 'generated', 'iam', 'policies');
  const files: Record<string, string> = {
    'SIZES.md': await readFile(join(root, 'generated', 'iam', 'SIZES.md'), 'utf8'),
    'api-resource-policy-guard.json': await readFile(join(root, 'generated', 'iam', 'api-resource-policy-guard.json'), 'utf8'),
  };
  for (const name of await readdir(dir)) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

describe('iam-policies generate', () => {
  it('writes the policies, the shared guard, their index, the resource policy and the size report, byte-identical on a re-run', async () => {
    const root = await project();
    const out = capture();
    expect(await main(['generate', '--root', root], out)).toBe(0);
    const first = await snapshot(root);
    expect(Object.keys(first).sort()).toEqual(['SIZES.md', '_malformed-path-guard.json', 'admins.1.json', 'api-resource-policy-guard.json', 'index.json', 'model-approvers.1.json', 'readers.1.json']);
    expect(JSON.parse(first['index.json'] as string)).toMatchObject({ sharedDocuments: ['_malformed-path-guard.json'], roles: { readers: { documents: ['readers.1.json'] } } });
    expect(first['SIZES.md']).toMatch(/\| readers \| readers\.1\.json \| [\d,]+ \| [\d.]+ % \|/);
    // No role document repeats the guard's denies.
    for (const name of ['admins.1.json', 'model-approvers.1.json', 'readers.1.json']) expect(first[name]).not.toMatch(/%2F|\*\/\/\*/);
    expect(await main(['generate', '--root', root], capture())).toBe(0);
    expect(await snapshot(root)).toEqual(first);
    expect(await main(['generate', '--check', '--root', root], capture())).toBe(0);
  });

  it('--check names stale and left-over files and writes nothing; a re-run removes a dropped role\'s files', async () => {
    const root = await project();
    await main(['generate', '--root', root], capture());
    await writeFile(join(root, 'generated', 'iam', 'policies', 'readers.1.json'), '{}\n');
    await writeFile(join(root, 'generated', 'iam', 'policies', 'gone.1.json'), '{}\n');
    const out = capture();
    expect(await main(['generate', '--check', '--root', root], out)).toBe(1);
    expect(out.lines).toEqual([
      expect.stringMatching(/^error: stale: generated\/iam\/policies\/readers\.1\.json/),
      expect.stringMatching(/^error: stale: generated\/iam\/policies\/gone\.1\.json/),
    ]);
    expect(await readFile(join(root, 'generated', 'iam', 'policies', 'readers.1.json'), 'utf8')).toBe('{}\n');
    expect(await main(['generate', '--root', root], capture())).toBe(0);
    expect(await readdir(join(root, 'generated', 'iam', 'policies'))).not.toContain('gone.1.json');
  });

  it('gives a role with nothing on the IAM surface no document of its own, only the guard', async () => {
    const root = await project((r) => {
      r.roles['nobody'] = { ...(r.roles.readers as object), operations: [] } as { operations: string[] };
    });
    expect(await main(['generate', '--root', root], capture())).toBe(0);
    const files = await snapshot(root);
    expect(JSON.parse(files['index.json'] as string).roles.nobody.documents).toEqual([]);
    expect(Object.keys(files).filter((name) => name.startsWith('nobody'))).toEqual([]);
    expect(files['SIZES.md']).toMatch(/\| nobody \| 0 \+ 1 \| 0 \+ [\d,]+ = [\d,]+ \|/);
  });

  it('fails naming the role when its grants cannot be made sound, and writes nothing', async () => {
    const root = await project((r) => {
      r.roles['dataset-cleaners'] = { ...(r.roles.readers as object), operations: ['DeleteDataset', 'DeleteDatasetTag'] } as { operations: string[] };
    });
    const out = capture();
    expect(await main(['generate', '--root', root], out)).toBe(1);
    expect(out.lines.join('\n')).toMatch(/^error: role dataset-cleaners: .*DELETE \/api\/3\.0\/mlflow\/datasets\/.*records runs DeleteDatasetRecords/s);
    await expect(readdir(join(root, 'generated', 'iam', 'policies'))).rejects.toThrow();
  });

  it('the committed generated/iam/ is what generate writes for the committed roles.json', async () => {
    const out = capture();
    expect(await main(['generate', '--check', '--root', new URL('../..', import.meta.url).pathname], out), out.lines.join('\n')).toBe(0);
  });

  it('refuses bad input and bad usage with exit code 2', async () => {
    const wildcardStage = await project((r) => {
      r.apiStageName = '*';
    });
    const out = capture();
    expect(await main(['generate', '--root', wildcardStage], out)).toBe(2);
    expect(out.lines[0]).toMatch(/apiStageName "\*" is not a concrete API Gateway stage name/);
    const unknownOperation = await project((r) => {
      (r.roles.readers as { operations: string[] }).operations.push('NoSuchOperation');
    });
    expect(await main(['generate', '--root', unknownOperation], capture())).toBe(2);
    const missing = await mkdtemp(join(tmpdir(), 'iam-policies-'));
    roots.push(missing);
    expect(await main(['generate', '--root', missing], capture())).toBe(2);
    expect(await main(['generate', '--bogus'], capture())).toBe(2);
    // The flags `npm run generate -- …` also hands to authz generate are accepted.
    expect(await main(['generate', '--check', '--file', 'permissions.yaml', '--root', new URL('../..', import.meta.url).pathname], capture())).toBe(0);
    expect(await main([], capture())).toBe(2);
  });
});
