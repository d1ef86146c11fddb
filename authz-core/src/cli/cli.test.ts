import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explain } from './explain.js';
import { main } from './main.js';
import type { Output } from './output.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-project-'));
  await cp(join(ROOT, 'permissions.yaml'), join(dir, 'permissions.yaml'));
  return dir;
}

describe('authz generate', () => {
  it('points at npm run generate, which writes generated/ as a whole', async () => {
    const out = capture();
    expect(await main(['generate'], out)).toBe(2);
    expect(out.lines).toEqual([expect.stringMatching(/^error: generated\/ is written as a whole by `npm run generate`/)]);
  });
});

describe('authz explain, who-can, diff', () => {
  const file = join(ROOT, 'permissions.yaml');

  it('explains one decision', async () => {
    const out = capture();
    expect(await main(['explain', '--file', file, '--role', 'model-approvers', 'DELETE', '/api/2.0/mlflow/model-versions/delete'], out)).toBe(0);
    expect(out.lines).toEqual([
      'DENY DELETE /api/2.0/mlflow/model-versions/delete',
      '  operation: DeleteModelVersion',
      '  reason:    not granted: no role of [model-approvers] grants DeleteModelVersion',
    ]);
  });

  it('answers one JSON object per stdin line', async () => {
    const out = capture();
    const input = Readable.from(['readers POST /ajax-api/2.0/mlflow/runs/search\n', '- GET /graphql\n', '\n', 'readers\n']);
    expect(await explain(['--json', '--stdin', '--file', file], out, input)).toBe(0);
    expect(out.lines.map((l) => JSON.parse(l))).toEqual([
      { role: 'readers', method: 'POST', path: '/ajax-api/2.0/mlflow/runs/search', operation: 'SearchRuns', decision: 'allow', reason: 'role readers grants SearchRuns (grant "*:read")' },
      { role: '-', method: 'GET', path: '/graphql', operation: 'graphql', decision: null, reason: 'routing only' },
      { line: 'readers', error: 'expected "ROLE METHOD PATH"' },
    ]);
  });

  it('lists who can call an operation, and suggests a misspelt one', async () => {
    const out = capture();
    expect(await main(['who-can', '--file', file, 'TransitionModelVersionStage'], out)).toBe(0);
    expect(out.lines).toContain('role model-approvers: grant "TransitionModelVersionStage"');
    expect(out.lines).toContain('  held by: Cognito group model-approvers, SageMaker user profile mlflow-model-approver');
    expect(out.lines.some((l) => l.startsWith('role readers'))).toBe(false);
    const typo = capture();
    expect(await main(['who-can', '--file', file, 'TransitionModelVersionStag'], typo)).toBe(2);
    expect(typo.lines[0]).toBe('error: unknown operation "TransitionModelVersionStag" (did you mean "TransitionModelVersionStage"?)');
  });

  it('diffs two files per role', async () => {
    const dir = await project();
    const changed = join(dir, 'changed.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(changed, yaml.replace('      - DeleteModelVersionTag\n', '      - DeleteModelVersionTag\n      - DeleteModelVersion\n').replace('cognitoGroups: [readers]', 'cognitoGroups: [readers, auditors]'));
    const out = capture();
    expect(await main(['diff', file, changed], out)).toBe(1);
    expect(out.lines).toEqual(['role model-approvers (changed): +1 -0 operations', '  + DeleteModelVersion', 'role readers (changed): +0 -0 operations', '  + Cognito group auditors']);
    const same = capture();
    expect(await main(['diff', file, file], same)).toBe(0);
  });

  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const argv of [[], ['nope'], ['explain'], ['diff', 'one.yaml']]) {
      const out = capture();
      expect(await main(argv, out)).toBe(2);
      expect(out.lines.join('\n')).toMatch(/usage: authz/);
    }
  });
});
