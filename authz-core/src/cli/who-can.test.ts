import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';

const TEAM = new URL('./fixtures/team.yaml', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

describe('authz who-can', () => {
  it('lists the roles that may call an operation, why, who holds them, and who would but for a deny', async () => {
    const out = capture();
    expect(await main(['who-can', '--file', TEAM, 'DeleteExperimentTag'], out)).toBe(0);
    expect(out.lines).toEqual([
      expect.stringMatching(/^DeleteExperimentTag \(experiments, delete\): /),
      '  POST /api/2.0/mlflow/experiments/delete-experiment-tag',
      '  POST /ajax-api/2.0/mlflow/experiments/delete-experiment-tag',
      'no role may call it',
      'role writers would have it but: deny "DeleteExperimentTag"',
    ]);
    const run = capture();
    expect(await main(['who-can', '--file', TEAM, 'CreateRun'], run)).toBe(0);
    expect(run.lines).toContain('role pipelines: grant "runs:write"');
    expect(run.lines).toContain('  held by: IAM principal training-job-role');
  });

  it('suggests the operation a typo meant, and exits 2', async () => {
    const out = capture();
    expect(await main(['who-can', '--file', TEAM, 'DeleteExperimentTg'], out)).toBe(2);
    expect(out.lines).toEqual(['error: unknown operation "DeleteExperimentTg" (did you mean "DeleteExperimentTag"?)']);
  });
});
