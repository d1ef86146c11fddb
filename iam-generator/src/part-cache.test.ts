import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMethodPart, CATALOGUE, methodPartKey } from '@mlflow-authz/core';
import { PartCache } from './part-cache.js';
import { inThread } from './pattern-parts.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function location(codeHash = 'code-1') {
  const dir = join(mkdtempSync(join(tmpdir(), 'parts-')), 'parts');
  dirs.push(dir);
  return { dir, codeHash };
}
const part = { allow: ['GET/api/2.0/mlflow/runs/get'], deny: [], collisions: [] };

describe('the part cache', () => {
  it('gives back what it kept, and nothing for a key it never saw', () => {
    const cache = new PartCache(location());
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', part);
    expect(cache.get('k')).toEqual(part);
    expect(cache.size()).toBe(1);
  });

  it('forgets everything when opened for other code, and treats an unreadable entry as a miss', () => {
    const at = location();
    new PartCache(at).set('k', part);
    expect(new PartCache(at).get('k')).toEqual(part);
    expect(new PartCache({ ...at, codeHash: 'code-2' }).get('k')).toBeUndefined();
    const again = new PartCache(at);
    again.set('k', part);
    const entries = readdirSync(at.dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json'));
    expect(entries).toHaveLength(1);
    for (const name of entries) writeFileSync(join(at.dir, name), '{"allow": [');
    expect(again.get('k')).toBeUndefined();
  });

  it('never fails when another run, on other code, empties the folder under it (the suite generates two projects at once)', () => {
    const at = location();
    const first = new PartCache(at);
    first.set('k', part);
    // Another run on other code opens the folder: the first run's parts go, and it carries on with misses.
    const other = new PartCache({ ...at, codeHash: 'code-2' });
    expect(first.get('k')).toBeUndefined();
    expect(() => first.set('k', part)).not.toThrow();
    expect(first.size()).toBe(0);
    rmSync(at.dir, { recursive: true, force: true });
    expect(() => new PartCache(at)).not.toThrow();
    expect(() => other.set('k', part)).not.toThrow();
    expect(other.get('k')).toBeUndefined();
  });

  it('serves a second run from the cache with the same parts a fresh build gives', async () => {
    const at = location();
    const jobs = [{ method: 'DELETE', grants: [['DeleteDataset', 'DeleteDatasetTag'], ['DeleteRun']] }];
    const first = await inThread(jobs, at);
    expect(new PartCache(at).size()).toBe(2);
    expect(await inThread(jobs, at)).toEqual(first);
    const fresh = jobs[0]?.grants.map((g) => buildMethodPart(CATALOGUE, { surface: 'iam', granted: new Set(g) }, 'DELETE', { collisions: 'fail-closed' }));
    expect(first[0]?.map((o) => (o.ok ? o.part : o.message))).toEqual(fresh);
  });

  it('keys a part by the method\'s granted routes only: roles that differ elsewhere share it', () => {
    const key = (ops: string[]) => methodPartKey(CATALOGUE, { surface: 'iam', granted: new Set(ops) }, 'DELETE');
    expect(key(['DeleteRun', 'GetRun'])).toBe(key(['DeleteRun', 'SearchRuns']));
    expect(key(['DeleteRun'])).not.toBe(key(['DeleteRun', 'DeleteDataset']));
  });
});
