import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAIN_JS, mlflowIndexHtml, writeMlflowBuild } from '../../test/support/mlflow-build.js';
import { main } from './cli.js';
import { injectLogin } from './inject-dir.js';
import { InjectError } from './inject-html.js';

let dir: string;
let ui: string;
let bundle: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inject-login-'));
  ui = join(dir, 'build');
  await writeMlflowBuild(ui, 'console.log("app")');
  bundle = join(dir, 'mlflow-login.js');
  await writeFile(bundle, '/* login v1 */');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root` with a digest of its content: what "left untouched" is checked against. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

const hashed = (content: string) => `mlflow-login.${createHash('sha256').update(content).digest('hex').slice(0, 10)}.js`;

describe('injectLogin on a built UI folder', () => {
  it('copies the bundle beside main.js under its content hash and loads it from index.html', async () => {
    const result = await injectLogin(ui, bundle);
    const name = hashed('/* login v1 */');
    expect(result).toMatchObject({ src: `static-files/static/js/${name}`, changed: true, removed: null, bundleBytes: 14 });
    expect(await readFile(join(ui, 'static', 'js', name), 'utf8')).toBe('/* login v1 */');
    expect(await readFile(join(ui, 'index.html'), 'utf8')).toContain(`<script src="static-files/static/js/${name}"></script><!-- mlflow-login:end --><script defer="defer" src="static-files/static/js/${MAIN_JS}">`);
  });

  it('changes nothing when run again with the same bundle', async () => {
    await injectLogin(ui, bundle);
    const before = await snapshot(ui);
    const mtime = (await stat(join(ui, 'index.html'))).mtimeMs;
    const again = await injectLogin(ui, bundle);
    expect(again.changed).toBe(false);
    expect(await snapshot(ui)).toEqual(before);
    expect((await stat(join(ui, 'index.html'))).mtimeMs).toBe(mtime);
  });

  it('replaces the bundle of an earlier run and deletes the old one', async () => {
    await injectLogin(ui, bundle);
    await writeFile(bundle, '/* login v2 */');
    const result = await injectLogin(ui, bundle);
    expect(result.removed).toBe(join(ui, 'static', 'js', hashed('/* login v1 */')));
    expect(Object.keys(await snapshot(ui)).sort()).toEqual(['favicon.ico', 'index.html', `static/css/main.4b1d2e3f.css`, `static/js/${MAIN_JS}`, `static/js/${hashed('/* login v2 */')}`]);
    expect((await readFile(join(ui, 'index.html'), 'utf8')).split('mlflow-login:begin')).toHaveLength(2);
  });

  it.each([
    ['a folder without index.html', async () => rm(join(ui, 'index.html')), 'has no index.html'],
    ['a page it does not know', async () => writeFile(join(ui, 'index.html'), '<html><head></head><body>hi</body></html>'), 'this is not a built MLflow UI page'],
    ['a main bundle missing on disk', async () => rm(join(ui, 'static', 'js', MAIN_JS)), `static-files/static/js/${MAIN_JS}, but`],
    ['a missing login bundle', async () => rm(bundle), 'npm run build -w @mlflow-authz/ui-patch'],
    ['an empty login bundle', async () => writeFile(bundle, ''), 'is empty'],
  ])('refuses %s and touches nothing', async (_label, spoil, message) => {
    await spoil();
    const before = await snapshot(ui);
    await expect(injectLogin(ui, bundle)).rejects.toThrow(InjectError);
    await expect(injectLogin(ui, bundle)).rejects.toThrow(message);
    expect(await snapshot(ui)).toEqual(before);
  });
});

describe('the inject-login CLI', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, bundle, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('injects with the default bundle and says what it did, then that there is nothing to do', async () => {
    const first = await run(ui);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/index\.html now loads static-files\/static\/js\/mlflow-login\.[0-9a-f]{10}\.js \(0\.0 KiB\) before MLflow's bundle/);
    expect((await run(ui, `--bundle=${bundle}`)).out).toContain('nothing to do');
  });

  it('answers mistakes with a message and an exit code, never a stack trace', async () => {
    expect(await run()).toMatchObject({ code: 2, err: expect.stringContaining('the built MLflow UI folder is missing') });
    expect(await run(ui, '--bundle')).toMatchObject({ code: 2, err: expect.stringContaining('--bundle needs a file') });
    expect(await run(ui, '--force')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --force') });
    expect(await run(ui, ui)).toMatchObject({ code: 2 });
    await writeFile(join(ui, 'index.html'), mlflowIndexHtml().replace('static-files/static/js/main', 'static/js/main'));
    const refused = await run(ui);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^inject-login: index\.html has no <script/);
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect((await run('--help')).out).toContain('Usage: inject-login');
  });
});
