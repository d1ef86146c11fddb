import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { AREAS } from '../catalogue/types.js';
import { compilePermissions } from '../permissions/compile.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { diffPermissions } from './diff.js';
import { main } from './main.js';
import type { Output } from './output.js';

const TEAM = new URL('./fixtures/team.yaml', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

/** `text` with the one occurrence of `from` replaced; throws if `from` does not occur exactly once (an edit that applies nowhere tests nothing). */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`the fixture holds ${at < 0 ? 'no' : 'more than one'} ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

async function diffAgainstTeam(edit: (yaml: string) => string): Promise<{ code: number; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-diff-'));
  const changed = join(dir, 'changed.yaml');
  await writeFile(changed, edit(await readFile(TEAM, 'utf8')));
  const out = capture();
  return { code: await main(['diff', TEAM, changed], out), lines: out.lines };
}

describe('authz diff', () => {
  it("separates a role's own changes from those inherited through includes, and sums up what is listed elsewhere", async () => {
    const { code, lines } = await diffAgainstTeam((yaml) =>
      replaceOnce(
        replaceOnce(yaml, '      - "*:read"\n    bindings:\n      cognitoGroups: [readers]', '      - "*:read"\n    deny:\n      - "traces:read"\n    bindings:\n      cognitoGroups: [readers]'),
        '      - DeleteExperiment\n',
        '',
      ),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'role gateway-users (changed): +0 -12 operations',
      '  inherited from readers (listed under role readers): +0 -12',
      '    traces: -12',
      'role readers (changed): +0 -12 operations',
      '  own grants and denies:',
      '    traces:',
      expect.stringMatching(/^ {6}- GetTraceInfo, GetTraceInfoV3, .*, serve_get_trace_artifact {2}\(deny "traces:read"\)$/),
      'role writers (changed): +1 -12 operations',
      '  own grants and denies:',
      '    experiments:',
      '      + DeleteExperiment  (grant "experiments:*")',
      '  inherited from readers (listed under role readers): +0 -12',
      '    traces: -12',
    ]);
  });

  it('an include added, a grant removed, a new role and a binding: each where it belongs, areas in catalogue order', async () => {
    const { lines } = await diffAgainstTeam((yaml) =>
      [
        ['    includes: [readers]\n    grants:\n      - invocations', '    includes: [readers, pipelines]\n    grants:\n      - invocations'],
        ['      - serve_gateway_proxy\n', ''],
        ['iamPrincipals: [training-job-role]', 'iamPrincipals: [training-job-role, nightly-job-role]'],
      ]
        .reduce((text, [from, to]) => replaceOnce(text, from as string, to as string), yaml)
        .concat('\n  auditors:\n    description: Reads.\n    includes: [readers]\n    bindings:\n      cognitoGroups: [auditors]\n'),
    );
    const reads = CATALOGUE.filter((op) => op.access === 'read' && op.public !== true).length;
    expect(lines[0]).toBe(`role auditors (added): +${reads} -0 operations`);
    expect(lines[1]).toBe(`  includes readers: +${reads} -0`);
    const areas = lines.slice(2, lines.indexOf('  bindings:')).map((l) => l.trim().split(':')[0] as string);
    expect(areas).toEqual(AREAS.filter((a) => areas.includes(a)));
    expect(lines).toContain('    + Cognito group auditors');
    const gateway = lines.slice(lines.indexOf('role gateway-users (changed): +11 -1 operations'));
    expect(gateway.slice(0, 6)).toEqual([
      'role gateway-users (changed): +11 -1 operations',
      '  own grants and denies:',
      '    gateway:',
      '      - serve_gateway_proxy  (was: grant "serve_gateway_proxy")',
      '  now includes pipelines: +11 -0',
      '    runs: + CreateRun, UpdateRun, RestoreRun, LogMetric, LogParam, SetTag, LogBatch, LogModel, LogInputs, LogOutputs, serve_create_promptlab_run',
    ]);
    expect(lines).toContain('role pipelines (changed): +0 -0 operations');
    expect(lines).toContain('    + IAM principal nightly-job-role');
  });

  it('exits 0 when nothing changed, 2 on bad usage', async () => {
    const same = capture();
    expect(await main(['diff', TEAM, TEAM], same)).toBe(0);
    expect(same.lines).toEqual(["no changes in any role's operations or bindings"]);
    const bad = capture();
    expect(await main(['diff', TEAM], bad)).toBe(2);
    expect(bad.lines[0]).toMatch(/^error: give two permission files: OLD\.yaml NEW\.yaml\nusage: authz diff OLD\.yaml NEW\.yaml/);
  });
});

// Property: over random pairs of files, every operation a role gains or loses appears exactly once, in the right
// direction, areas in catalogue order within each group, and "inherited" only through an include kept on both sides.
const POOL = ['*:read', 'runs:write', 'runs:delete', 'experiments:*', 'traces:read', 'gateway:write', 'GetRun', 'DeleteRun', 'server:read'];
const NAMES = ['a', 'b', 'c'];

const roleArb = (i: number) =>
  fc.record({
    grants: fc.subarray(POOL, { minLength: 1, maxLength: 3 }),
    deny: fc.subarray(['DeleteRun', 'traces:read', 'GetRun', 'runs:write'], { maxLength: 1 }),
    includes: fc.subarray(NAMES.slice(0, i), { maxLength: Math.min(2, i) }),
  });
const fileArb = fc.tuple(roleArb(0), roleArb(1), roleArb(2));

function compiled(roles: readonly { grants: string[]; deny: string[]; includes: string[] }[]): CompiledPermissions | undefined {
  const body = Object.fromEntries(roles.map((r, i) => [NAMES[i], { description: 'r', ...r }]));
  const result = compilePermissions(stringify({ version: 1, settings: { mlflowVersion: MLFLOW_VERSION }, roles: body }), CATALOGUE, MLFLOW_VERSION);
  return result.ok ? result.permissions : undefined;
}

describe('authz diff, over random pairs of files', () => {
  it('accounts for every gained and lost operation exactly once, grouped by area', () => {
    let compared = 0;
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fileArb, fileArb, (x, y) => {
        const [before, after] = [compiled(x), compiled(y)];
        if (before === undefined || after === undefined) return;
        compared++;
        const changes = diffPermissions(before, after);
        for (const name of NAMES) {
          const [was, is] = [new Set(before.roles.find((r) => r.name === name)?.operations), new Set(after.roles.find((r) => r.name === name)?.operations)];
          const change = changes.find((c) => c.role === name);
          const listed = change === undefined ? [] : [...change.own, ...change.through.flatMap((t) => t.changes)];
          expect(listed.filter((c) => c.sign === '+').map((c) => c.id).sort()).toEqual([...is].filter((id) => !was.has(id)).sort());
          expect(listed.filter((c) => c.sign === '-').map((c) => c.id).sort()).toEqual([...was].filter((id) => !is.has(id)).sort());
          for (const group of [change?.own ?? [], ...(change?.through ?? []).map((t) => t.changes)]) {
            const order = group.map((c) => AREAS.indexOf(c.area));
            expect(order).toEqual([...order].sort((p, q) => p - q));
          }
          for (const t of change?.through ?? []) {
            kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
            const keptInclude = before.roles.find((r) => r.name === name)?.includes.includes(t.role) && after.roles.find((r) => r.name === name)?.includes.includes(t.role);
            expect(t.kind === 'inherited').toBe(keptInclude === true);
          }
          if ((change?.own.length ?? 0) > 0) kinds.set('own', (kinds.get('own') ?? 0) + 1);
        }
      }),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThanOrEqual(70);
    for (const kind of ['own', 'inherited', 'now-includes', 'no-longer-includes']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(5);
  });
});
