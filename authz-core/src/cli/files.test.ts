import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { staleFiles, writeFilesAtomically } from './files.js';

const OWNED = 'generated/x/owned';
// Plans over a few loose files and a few files in the owned folder, with small contents.
const plan = fc
  .tuple(
    fc.subarray(['generated/a.json', 'generated/x/b.json', 'generated/y/z/c.md'], { minLength: 1 }),
    fc.subarray(['r1.json', 'r2.json', 'index.json']),
    fc.constantFrom('', '1', '{"k":2}\n'),
  )
  .map(([loose, owned, content]) => new Map([...loose, ...owned.map((n) => `${OWNED}/${n}`)].map((p, i) => [p, `${content}${i}`] as const)));

function withRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'files-'));
  return body(root).finally(() => rmSync(root, { recursive: true, force: true }));
}

describe('writeFilesAtomically and staleFiles', () => {
  it('after any sequence of writes, the disk holds the last plan: its contents, and nothing else in the owned folder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 4 }), (plans) =>
        withRoot(async (root) => {
          for (const files of plans) {
            await writeFilesAtomically(root, files, { ownedDir: OWNED });
            expect(await staleFiles(root, files, { ownedDir: OWNED })).toEqual([]);
            for (const [path, content] of files) expect(readFileSync(join(root, path), 'utf8')).toBe(content);
            const owned = [...files.keys()].filter((p) => p.startsWith(`${OWNED}/`)).map((p) => p.slice(OWNED.length + 1));
            expect(readdirSync(join(root, OWNED)).sort()).toEqual(owned.sort());
            expect(readdirSync(join(root, 'generated')).filter((n) => n.startsWith('.staging-'))).toEqual([]);
          }
        }),
      ),
      { numRuns: 60 },
    );
  });

  it('lists changed, missing, and unplanned owned files as stale', async () => {
    await withRoot(async (root) => {
      const before = new Map([
        ['generated/a.json', '1'],
        [`${OWNED}/old.json`, '2'],
      ]);
      await writeFilesAtomically(root, before, { ownedDir: OWNED });
      const after = new Map([
        ['generated/a.json', 'changed'],
        ['generated/new.json', '3'],
        [`${OWNED}/r.json`, '4'],
      ]);
      expect(await staleFiles(root, after, { ownedDir: OWNED })).toEqual(['generated/a.json', 'generated/new.json', `${OWNED}/r.json`, `${OWNED}/old.json`]);
      // Without an owned folder, files nobody plans are left alone.
      expect(await staleFiles(root, new Map([['generated/a.json', '1']]))).toEqual([]);
    });
  });
});
