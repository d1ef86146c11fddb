import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedDifferences, listGenerated, replaceGenerated } from './files.js';

// Plans over a few files at several depths, with small contents.
const plan = fc
  .tuple(fc.subarray(['generated/a.json', 'generated/x/b.json', 'generated/y/z/c.md', 'generated/x/r1.json', 'generated/x/r2.json'], { minLength: 1 }), fc.constantFrom('', '1', '{"k":2}\n'))
  .map(([paths, content]) => new Map(paths.map((p, i) => [p, `${content}${i}`] as const)));

function withRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'files-'));
  return body(root).finally(() => rmSync(root, { recursive: true, force: true }));
}

async function contents(root: string): Promise<Map<string, string>> {
  return new Map(await Promise.all((await listGenerated(root)).map(async (p) => [p, await readFile(join(root, p), 'utf8')] as const)));
}

describe('replaceGenerated and generatedDifferences', () => {
  it('after any sequence of writes, generated/ holds exactly the last plan, and nothing is left beside it', async () => {
    let writes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 4 }), (plans) =>
        withRoot(async (root) => {
          for (const files of plans) {
            await replaceGenerated(root, files);
            writes++;
            expect(await contents(root)).toEqual(new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))));
            expect(await generatedDifferences(root, files)).toEqual([]);
            expect(readdirSync(root).sort()).toEqual(['generated']);
          }
        }),
      ),
      { numRuns: 60 },
    );
    expect(writes).toBeGreaterThanOrEqual(60);
  });

  it('leaves generated/ byte-identical when the write fails before the swap', async () => {
    await withRoot(async (root) => {
      const before = new Map([['generated/a.json', 'old'], ['generated/x/b.json', 'old b']]);
      await replaceGenerated(root, before);
      const failing = replaceGenerated(root, new Map([['generated/a.json', 'new']]), async () => {
        throw new Error('disk full');
      });
      await expect(failing).rejects.toThrow('disk full');
      expect(await contents(root)).toEqual(before);
      expect(readdirSync(root)).toEqual(['generated']);
    });
  });

  it('puts back a generated/ a swap cut short left aside, before writing', async () => {
    await withRoot(async (root) => {
      mkdirSync(join(root, 'generated'));
      writeFileSync(join(root, 'generated', 'a.json'), 'kept');
      renameSync(join(root, 'generated'), join(root, '.generated.old-abc123'));
      expect(await listGenerated(root)).toEqual([]);
      await replaceGenerated(root, new Map([['generated/a.json', 'kept']]), async () => {
        expect(await contents(root)).toEqual(new Map([['generated/a.json', 'kept']]));
      });
      expect(readdirSync(root)).toEqual(['generated']);
    });
  });

  it('names changed, missing and unexpected files', async () => {
    await withRoot(async (root) => {
      await replaceGenerated(root, new Map([['generated/a.json', '1'], ['generated/x/old.json', '2']]));
      const after = new Map([['generated/a.json', 'changed'], ['generated/new.json', '3']]);
      expect(await generatedDifferences(root, after)).toEqual([
        { path: 'generated/a.json', kind: 'changed' },
        { path: 'generated/new.json', kind: 'missing' },
        { path: 'generated/x/old.json', kind: 'unexpected' },
      ]);
    });
  });

  it('refuses a path outside generated/, writing nothing', async () => {
    await withRoot(async (root) => {
      await expect(replaceGenerated(root, new Map([['elsewhere.json', '1']]))).rejects.toThrow(/not a generated\/ path/);
      expect(readdirSync(root)).toEqual([]);
    });
  });
});
