import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compilePermissions } from '../permissions/compile.js';
import { instantiate, parseTemplate } from '../router/template.js';
import { explain } from './explain.js';
import type { ExplainRecord } from './explain.js';
import { main } from './main.js';
import type { Output } from './output.js';

const TEAM = new URL('./fixtures/team.yaml', import.meta.url).pathname;
const STAGE_API = new URL('./fixtures/stage-api.yaml', import.meta.url).pathname;
const URL_BASE = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const out = capture();
  const code = await main(['explain', '--file', TEAM, ...args], out);
  return { code, lines: out.lines };
}

async function records(input: string, file = TEAM): Promise<(ExplainRecord | { line: string; error: string })[]> {
  const out = capture();
  expect(await explain(['--json', '--stdin', '--file', file], out, Readable.from([input]))).toBe(0);
  return out.lines.map((l) => JSON.parse(l) as ExplainRecord);
}

describe('authz explain: a pasted URL', () => {
  it('a full URL with stage and query string, lowercase method: the browser path it takes, and its SigV4 twin', async () => {
    const { code, lines } = await run('--role', 'readers', 'get', `${URL_BASE}/prod/ajax-api/2.0/mlflow/runs/get?run_id=1`);
    expect(code).toBe(0);
    expect(lines).toEqual([
      'ALLOW GET /ajax-api/2.0/mlflow/runs/get  on the browser path (Cognito, Lambda authorizer), which this URL takes',
      `  input:     ${URL_BASE}/prod/ajax-api/2.0/mlflow/runs/get?run_id=1  (dropped the host ${URL_BASE}, the stage prefix /prod, the query string)`,
      '  operation: GetRun (runs, read): Get metadata, metrics, params, and tags for a run.',
      '  reason:    role readers grants GetRun (grant "*:read")',
      '  SigV4 path (IAM), at its twin GET /api/2.0/mlflow/runs/get: ALLOW: role readers grants GetRun (grant "*:read")',
    ]);
  });

  it('an /api/ path takes the SigV4 path; its browser twin is /ajax-api/; a deny is named', async () => {
    const { lines } = await run('--role', 'writers', 'Post', '/prod/api/2.0/mlflow/experiments/delete');
    expect(lines[0]).toBe('DENY POST /api/2.0/mlflow/experiments/delete  on the SigV4 path (IAM), which this URL takes');
    expect(lines).toContain('  reason:    not granted: no role of [writers] grants DeleteExperiment; removed by role writers: deny "DeleteExperiment"');
    expect(lines).toContain('  note:      no SageMaker user profile or IAM principal is bound to role writers: no SigV4 caller holds it');
    expect(lines.at(-1)).toMatch(/^ {2}browser path \(Cognito, Lambda authorizer\), at its twin POST \/ajax-api\/2\.0\/mlflow\/experiments\/delete: DENY: not granted/);
  });

  it('a UI-only route has no SigV4 twin, and the UI shell answers for the page URL with a fragment', async () => {
    const artifact = await run('--role', 'readers', 'GET', '/prod/get-artifact?path=model/MLmodel&run_uuid=1');
    expect(artifact.lines[0]).toBe('ALLOW GET /get-artifact  on the browser path (Cognito, Lambda authorizer), which this URL takes');
    expect(artifact.lines.at(-1)).toBe('  SigV4 path (IAM): not served there: serve_artifacts has no /api/ route, so code signing with SigV4 cannot call it');
    const page = await run('--role', 'readers', `${URL_BASE}/prod/#/experiments/1`);
    expect(page.lines[0]).toMatch(/^ALLOW GET \/ {2}on the browser path/);
    expect(page.lines[1]).toContain('the fragment #/experiments/1 (it never leaves the browser)');
    expect(page.lines).toContain('  operation: serve (ui-static, read): The UI\'s index.html.');
    const guest = await run('--role', 'pipelines', `${URL_BASE}/prod/static-files/static/js/main.0a1b2c3d.js`);
    expect(guest.lines[0]).toMatch(/^ALLOW GET \/static-files\/static\/js\/main\.0a1b2c3d\.js /);
    expect(guest.lines).toContain('  reason:    public: serve_static_file is part of the UI shell, which the gateway serves without authorization (no role needed)');
  });

  it('says when no principal on an access path holds the roles', async () => {
    const { lines } = await run('--role', 'pipelines', 'POST', '/ajax-api/2.0/mlflow/runs/create');
    expect(lines[0]).toMatch(/^ALLOW POST \/ajax-api\/2\.0\/mlflow\/runs\/create/);
    expect(lines).toContain('  note:      no Cognito group is bound to role pipelines: no browser user holds it');
    expect(lines.at(-1)).toMatch(/^ {2}SigV4 path \(IAM\), at its twin POST \/api\/2\.0\/mlflow\/runs\/create: ALLOW/);
  });

  it('a URL naming another stage is read, with a note', async () => {
    const { lines } = await run('--role', 'readers', `${URL_BASE}/dev/ajax-api/2.0/mlflow/runs/get`);
    expect(lines[0]).toMatch(/^ALLOW GET \/ajax-api\/2\.0\/mlflow\/runs\/get /);
    expect(lines).toContain('  note:      the URL names stage "dev"; the permissions file\'s apiStageName is "prod"');
  });

  it('a stage named like an MLflow prefix is dropped only where it is one', async () => {
    const [plain, staged, full] = await records(
      `readers GET /api/2.0/mlflow/runs/get\nreaders GET /api/ajax-api/2.0/mlflow/runs/get\nreaders GET https://x1.execute-api.us-east-1.amazonaws.com/api/api/2.0/mlflow/runs/get\n`,
      STAGE_API,
    );
    expect(plain).toMatchObject({ path: '/api/2.0/mlflow/runs/get', via: 'sigv4', operation: 'GetRun', decision: 'allow' });
    expect(staged).toMatchObject({ path: '/ajax-api/2.0/mlflow/runs/get', via: 'browser', operation: 'GetRun' });
    expect(full).toMatchObject({ path: '/api/2.0/mlflow/runs/get', via: 'sigv4', operation: 'GetRun' });
  });
});

describe('authz explain: bad input', () => {
  it('an undeclared role exits 2 with a "did you mean" and the declared roles', async () => {
    const { code, lines } = await run('--role', 'reader', 'GET', '/ajax-api/2.0/mlflow/runs/get');
    expect(code).toBe(2);
    expect(lines).toEqual(['error: role "reader" is not declared (did you mean "readers"?); declared in ' + TEAM + ': gateway-users, pipelines, readers, writers']);
  });

  it('a method that is not one, missing parts, a file that does not compile', async () => {
    expect(await run('--role', 'readers', 'GE T', '/')).toMatchObject({ code: 2, lines: ['error: "GE T" is not an HTTP method'] });
    const noRole = await run('GET', '/');
    expect(noRole.code).toBe(2);
    expect(noRole.lines[0]).toMatch(/^error: which roles\? give --role ROLE\[,ROLE…\]\nusage: authz explain /);
    const out = capture();
    expect(await main(['explain', '--file', '/nonexistent.yaml', '--role', 'r', '/'], out)).toBe(1);
  });

  it('a malformed path is still malformed once the URL parts are gone', async () => {
    const { lines } = await run('--role', 'readers', 'GET', `${URL_BASE}/prod/ajax-api/2.0/mlflow//runs/get?x=1`);
    expect(lines[0]).toBe('DENY GET /ajax-api/2.0/mlflow//runs/get  on the browser path (Cognito, Lambda authorizer), which this URL takes');
    expect(lines).toContain('  reason:    no route: malformed path (empty-segment)');
  });

  it('a pasted URL of a route MLflow serves with another method names that method', async () => {
    const url = `${URL_BASE}/prod/ajax-api/2.0/mlflow/runs/search`;
    const { lines } = await run('--role', 'readers', url);
    expect(lines).toContain(`  hint:      MLflow serves this path with POST (SearchRuns): authz explain POST ${url}`);
    const routed = await run('--role', 'readers', 'POST', url);
    expect(routed.lines.some((l) => l.includes('hint:'))).toBe(false);
    const nowhere = await run('--role', 'readers', `${URL_BASE}/prod/ajax-api/2.0/mlflow/nothing-here`);
    expect(nowhere.lines.some((l) => l.includes('hint:'))).toBe(false);
  });
});

describe('authz explain --json --stdin', () => {
  it('answers one JSON object per line, with both access paths, routing only for role "-"', async () => {
    const [search, graphql, bad, typo] = await records('readers POST /prod/ajax-api/2.0/mlflow/runs/search\n- get /graphql\n\nreaders\nreaderz GET /\n');
    expect(search).toEqual({
      role: 'readers',
      input: '/prod/ajax-api/2.0/mlflow/runs/search',
      method: 'POST',
      path: '/ajax-api/2.0/mlflow/runs/search',
      operation: 'SearchRuns',
      via: 'browser',
      decision: 'allow',
      reason: 'role readers grants SearchRuns (grant "*:read")',
      other: { via: 'sigv4', path: '/api/2.0/mlflow/runs/search', decision: 'allow', reason: 'role readers grants SearchRuns (grant "*:read")' },
    });
    expect(graphql).toMatchObject({ role: '-', operation: 'graphql', decision: null, reason: 'routing only', other: { via: 'sigv4', absent: expect.stringContaining('no /api/ route') } });
    expect(bad).toEqual({ line: 'readers', error: 'expected "ROLE METHOD URL"' });
    expect(typo).toEqual({ line: 'readerz GET /', error: 'role "readerz" is not declared (did you mean "readers"?)' });
  });
});

describe('authz explain: declared SigV4 exceptions', () => {
  it('the SigV4 answer names the exception, the browser answer stays exact', async () => {
    const exceptions = { exceptionFor: (role: string, op: string) => (role === 'writers' && op === 'DeleteRun' ? 'IAM cannot tell this path from DeleteTag' : undefined) };
    const out = capture();
    await explain(['--file', TEAM, '--role', 'writers', 'POST', '/ajax-api/2.0/mlflow/runs/delete'], out, Readable.from([]), exceptions);
    expect(out.lines[0]).toMatch(/^ALLOW POST \/ajax-api\/2\.0\/mlflow\/runs\/delete /);
    expect(out.lines).toContain(
      '  SigV4 path (IAM), at its twin POST /api/2.0/mlflow/runs/delete: DENY: declared SigV4 exception (IAM cannot express the grant exactly here; the browser path is exact): role writers: IAM cannot tell this path from DeleteTag',
    );
  });
});

// Property: every spelling of one request people paste gets the same answer.
const team = (() => {
  const result = compilePermissions(readFileSync(TEAM, 'utf8'), CATALOGUE, MLFLOW_VERSION);
  if (!result.ok) throw new Error('team.yaml must compile');
  return result.permissions;
})();
const ROLE_NAMES = team.roles.map((r) => r.name);
const ROUTES = CATALOGUE.flatMap((op) => op.routes.map((route) => ({ op, route })));
const SEGMENT = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);

const requestArb = fc.record({
  index: fc.nat({ max: ROUTES.length - 1 }),
  values: fc.array(SEGMENT, { minLength: 8, maxLength: 8 }),
  casing: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  roles: fc.subarray(ROLE_NAMES, { minLength: 1, maxLength: 2 }),
  query: fc.stringMatching(/^[a-z0-9=&_]{1,12}$/),
  fragment: fc.stringMatching(/^\/[a-z0-9/]{0,10}$/),
});

describe('authz explain, over every route of the catalogue', () => {
  it('gives the same answer for a path, the path with stage and query string, any method casing, and the full URL', async () => {
    let checked = 0;
    const effects = new Set<string>();
    const vias = new Set<string>();
    const cases: { lines: string[]; key: string }[] = [];
    fc.assert(
      fc.property(requestArb, ({ index, values, casing, roles, query, fragment }) => {
        const { route } = ROUTES[index] as (typeof ROUTES)[number];
        let v = 0;
        const path = instantiate(parseTemplate(route.path, route.engine), (_name, converter) => (converter === 'int' ? '7' : values[v++ % values.length] as string));
        const method = route.method;
        const mixed = [...method].map((c, i) => (casing[i % casing.length] ? c.toLowerCase() : c)).join('');
        const role = roles.join(',');
        const spellings = [
          `${role} ${method} ${path}`,
          `${role} ${mixed} /prod${path}`,
          `${role} ${method.toLowerCase()} /prod${path}?${query}`,
          `${role} ${mixed} ${URL_BASE}/prod${path}?${query}#${fragment}`,
          `${role} ${method} https://mlflow.example.com/prod${path}#${fragment}`,
        ];
        cases.push({ lines: spellings, key: `${method} ${path}` });
      }),
      { numRuns: 400 },
    );
    const input = cases.flatMap((c) => c.lines).join('\n') + '\n';
    const answers = (await records(input)) as ExplainRecord[];
    expect(answers).toHaveLength(cases.length * 5);
    for (let i = 0; i < cases.length; i++) {
      const group = answers.slice(i * 5, i * 5 + 5).map(({ input: _input, ...rest }) => rest);
      for (const answer of group.slice(1)) expect(answer, (cases[i] as { key: string }).key).toEqual(group[0]);
      const first = group[0] as Omit<ExplainRecord, 'input'>;
      expect(first.via).toBe(first.path.startsWith('/api/') ? 'sigv4' : 'browser');
      if (first.operation !== null) {
        checked++;
        effects.add(first.decision as string);
        vias.add(first.via);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(300);
    expect(effects).toEqual(new Set(['allow', 'deny']));
    expect(vias).toEqual(new Set(['browser', 'sigv4']));
  });
});
