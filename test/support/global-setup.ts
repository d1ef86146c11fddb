// Runs once before the suite: `npm run generate` (scripts/generate.mjs, as a user runs it) on every permissions
// file the tests need — the fixtures of test/fixtures/ (behaviour tests), the worked examples of examples/ (with
// --strict, as README.md promises) and the project's own permissions.yaml (compared with the committed generated/).
// Each lands in a project folder of its own (its permissions.yaml and generated/), recorded with the command's exit
// status and output; test files read them (generated-projects.ts) instead of proving the same patterns again.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIXTURES, fixtureFile } from '../fixtures/index.js';
import type { GeneratedProject } from './generated-projects.js';
import { PROJECTS_KEY } from './generated-projects.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GENERATE = join(ROOT, 'scripts', 'generate.mjs');

/** Every permissions file the suite generates, keyed as tests ask for it. */
async function sources(): Promise<{ key: string; file: string; strict: boolean }[]> {
  const examples = (await readdir(join(ROOT, 'examples'))).filter((f) => f.endsWith('.yaml')).sort();
  return [
    ...FIXTURES.map((name) => ({ key: `fixture:${name}`, file: fixtureFile(name), strict: false })),
    ...examples.map((file) => ({ key: `example:${file.replace(/\.yaml$/, '')}`, file: join(ROOT, 'examples', file), strict: true })),
    { key: 'permissions.yaml', file: join(ROOT, 'permissions.yaml'), strict: false },
  ];
}

function generate(root: string, strict: boolean): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [GENERATE, ...(strict ? ['--strict'] : []), '--root', root], { cwd: ROOT, timeout: 600_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Generates every project, two at a time: each proves its patterns on every core, but its start-up, compiling and
 * writing run on one, and a second run fills the gaps (later ones also reuse parts the first ones proved).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-suite-'));
  const projects: Record<string, GeneratedProject> = {};
  const queue = await sources();
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const { key, file, strict } = next;
      const root = join(dir, key.replace(/[^\w.-]/g, '_'));
      await mkdir(root);
      await copyFile(file, join(root, 'permissions.yaml'));
      const started = performance.now();
      const run = await generate(root, strict);
      projects[key] = { key, root, source: file, strict, ...run, seconds: (performance.now() - started) / 1000 };
    }
  };
  await Promise.all([worker(), worker()]);
  await writeFile(join(dir, 'projects.json'), JSON.stringify(projects, null, 2));
  project.provide(PROJECTS_KEY, dir);
  return () => rm(dir, { recursive: true, force: true });
}
