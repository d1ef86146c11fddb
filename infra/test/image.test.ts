// The server image cannot be built here (no Docker engine): this checks the Dockerfile's structure and runs
// what its stages run by other means (the drift check on route dumps; the UI injector once ui-patch builds it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystem, IgnoreMode } from 'aws-cdk-lib';
import { MLFLOW_VERSION } from '@mlflow-authz/core';
import { describe, expect, it } from 'vitest';
import { DOCKERFILE, IMAGE_CONTEXT_RULES, MLFLOW_BASE_IMAGE, REPO_ROOT, UI_PATCH_FILES } from '../src/constructs/mlflow-image.js';

const dockerfile = readFileSync(join(REPO_ROOT, DOCKERFILE), 'utf8');
const lines = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
/** The instructions of each stage, by stage name (`final` for the last, unnamed one). */
const stages = new Map<string, string[]>();
{
  let current = '';
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n')) {
    const from = /^FROM (\S+)(?: AS (\S+))?/.exec(line);
    if (from) {
      current = from[2] ?? 'final';
      stages.set(current, [line]);
    } else if (current !== '' && line.trim() !== '' && !line.startsWith('#')) stages.get(current)?.push(line);
  }
}
const run = (stage: string) => (stages.get(stage) ?? []).filter((l) => l.startsWith('RUN ')).map((l) => l.slice(4));

describe('the server image', () => {
  it('starts from the official MLflow image at the catalogue\'s version, -full variant, in the Dockerfile and the CDK asset alike', () => {
    expect(MLFLOW_BASE_IMAGE).toBe(`ghcr.io/mlflow/mlflow:v${MLFLOW_VERSION}-full`);
    expect(lines).toContain(`ARG MLFLOW_IMAGE=ghcr.io/mlflow/mlflow:v${MLFLOW_VERSION}-full`);
    expect(stages.get('mlflow')?.[0]).toBe('FROM ${MLFLOW_IMAGE} AS mlflow');
    expect(stages.get('final')?.[0]).toBe('FROM mlflow');
  });

  it('has the route dump, drift check, UI login and final stages, and the final image depends on the drift check', () => {
    expect([...stages.keys()]).toEqual(['mlflow', 'mlflow-facts', 'drift-check', 'ui-login', 'final']);
    expect(run('mlflow-facts')[0]).toContain('python /facts/dump_mlflow_routes.py > /facts/mlflow-routes.json');
    expect(run('drift-check')).toContain('node authz-core/bin/authz.js check-routes /facts/mlflow-routes.json && touch /facts/drift-check-passed');
    expect(run('ui-login')).toEqual(['node inject-login.mjs /ui --bundle mlflow-login.js']);
    // BuildKit skips stages the final image does not use: it must copy the drift check's marker.
    expect(stages.get('final')).toContain('COPY --from=drift-check /facts/drift-check-passed /opt/mlflow-authz/drift-check-passed');
    expect(stages.get('final')?.some((l) => l.startsWith('COPY --from=ui-login /ui '))).toBe(true);
  });

  it('runs a drift check that passes on a classified route dump and fails the build on an unclassified route', () => {
    const command = run('drift-check').find((c) => c.includes('check-routes')) ?? '';
    const checkRoutes = command.split(' && ')[0]?.split(' ') ?? [];
    const [node, script, subcommand] = checkRoutes;
    const check = (dump: string) => spawnSync(node === 'node' ? process.execPath : '', [join(REPO_ROOT, script ?? ''), subcommand ?? '', dump], { cwd: REPO_ROOT, encoding: 'utf8' });
    const passing = check(join(REPO_ROOT, 'infra/test/fixtures/mlflow-routes-classified.json'));
    expect(passing.stdout + passing.stderr).toMatch(/0 unclassified, 0 misordered/);
    expect(passing.status).toBe(0);
    const drifted = check(join(REPO_ROOT, 'authz-core/src/drift/fixtures/served-3.16-excerpt.json'));
    expect(drifted.stderr).toMatch(/unclassified: flask POST \/api\/2\.0\/mlflow\/runs\/log-artifact-batch/);
    expect(drifted.status).toBe(1);
  }, 60_000);

  it('builds from a context holding only what the Dockerfile copies', () => {
    const out = mkdtempSync(join(tmpdir(), 'mlflow-image-context-'));
    FileSystem.copyDirectory(REPO_ROOT, out, { exclude: [...IMAGE_CONTEXT_RULES], ignoreMode: IgnoreMode.DOCKER });
    expect(readdirSync(out).sort()).toEqual(['authz-core', 'infra', 'package-lock.json', 'package.json', ...(existsSync(join(REPO_ROOT, 'ui-patch/dist')) ? ['ui-patch'] : [])].sort());
    expect(readdirSync(join(out, 'infra'))).toEqual(['image']);
    expect(existsSync(join(out, 'authz-core/drift/dump_mlflow_routes.py'))).toBe(true);
    expect(existsSync(join(out, 'authz-core/node_modules'))).toBe(false);
    for (const copied of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of (copied[1] ?? '').split(' ')) {
        if (UI_PATCH_FILES.includes(source) && !existsSync(join(REPO_ROOT, source))) continue; // built by ui-patch
        expect(existsSync(join(out, source)), source).toBe(true);
      }
    }
    rmSync(out, { recursive: true, force: true });
  });

  it('injects the login into a fixture UI as the ui-login stage does', () => {
    // MLflow's wheel ships mlflow/server/js/build/ with index.html and static/js/ (served under /static-files/);
    // the fixture has that shape, and the stage copies that folder to /ui.
    const ui = mkdtempSync(join(tmpdir(), 'mlflow-ui-'));
    const patch = mkdtempSync(join(tmpdir(), 'ui-patch-dist-'));
    try {
      // The folder's contents (path.join would drop a trailing "/.", and cp would copy the folder itself).
      execFileSync('cp', ['-r', `${join(REPO_ROOT, 'infra/test/fixtures/ui-build')}/.`, ui]);
      // ui-patch/dist as `npm run main` builds it (ui-patch's own build script), into a folder of this test.
      execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), join(REPO_ROOT, 'ui-patch/build/build.ts'), patch], { cwd: REPO_ROOT, stdio: 'pipe' });
      expect(UI_PATCH_FILES.map((f) => existsSync(join(patch, f.replace('ui-patch/dist/', ''))))).toEqual([true, true]);
      const [command, ...args] = run('ui-login')[0]?.split(' ') ?? [];
      expect(command).toBe('node');
      execFileSync(process.execPath, args.map((a) => (a === '/ui' ? ui : a)), { cwd: patch });
      const html = readFileSync(join(ui, 'index.html'), 'utf8');
      const login = /src="(static-files\/static\/js\/mlflow-login\.[0-9a-f]+\.js)"/.exec(html)?.[1];
      expect(login, html).toBeDefined();
      expect(html.indexOf(login as string)).toBeLessThan(html.indexOf('static-files/static/js/main.0a1b2c3d.js'));
      expect(existsSync(join(ui, (login as string).replace('static-files/', '')))).toBe(true);
    } finally {
      rmSync(ui, { recursive: true, force: true });
      rmSync(patch, { recursive: true, force: true });
    }
  }, 60_000);
});
