// The headline proof: for every role, what a person can do through the UI (the authorizer Lambda) equals what
// the same role's IAM principal can do through the MLflow client (its generated IAM policies), and both equal
// what permissions.yaml says (an independent reference model) — except on the SigV4 exceptions generate declared,
// which are exactly where IAM denies what the role may do. Exhaustive over the catalogue × the default roles ×
// every method; then PARITY_RUNS random requests (default 20,000) over the default file, a file of realistic
// roles (a datasets role without record deletes, gateway-only roles) and several random permissions files. A
// failure prints the shrunk counterexample, its seed and the command to replay it.
import { CATALOGUE, instantiate, parseTemplate } from '@mlflow-authz/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../../authorizer-lambda/test/fixtures.js';
import { generateTestKey } from '../../authorizer-lambda/test/keys.js';
import { anyRequest } from '../../authorizer-lambda/test/request-arbitraries.js';
import { arbitraryPermissions } from '../support/arbitrary-permissions.js';
import type { Artifacts } from './artifacts.js';
import { committedArtifacts, generateArtifacts } from './artifacts.js';
import type { Branch } from './contract.js';
import { branchOf, browserExpected, cachedViolation, patternViolation } from './contract.js';
import type { Effect, Request } from './enforcement.js';
import { EnforcementPoints } from './enforcement.js';

const RUNS = Number(process.env['PARITY_RUNS'] ?? 20_000);
const FILES = Number(process.env['PARITY_FILES'] ?? 3);
const SEED = process.env['PARITY_SEED'] === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(process.env['PARITY_SEED']);
const PATH = process.env['PARITY_PATH'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const key = generateTestKey('parity-key');
const jwks = useJwksServer(key);
useLogCapture(); // keeps the authorizer's decision log out of the test output
const stats = { cases: 0, branches: new Map<string, number>(), refusedFiles: [] as string[], files: 0 };
let points: EnforcementPoints[] = [];

// Roles real teams write that IAM globs cannot all express exactly, or that SigV4 cannot reach at all.
const REALISTIC = `version: 1
settings: { mlflowVersion: "3.15.0", apiStageName: prod, authorizerCacheTtlSeconds: 300 }
roles:
  dataset-curators:
    description: Evaluation datasets, without deleting their records.
    grants: ["datasets:*", "experiments:read"]
    deny: [DeleteDatasetRecords]
    bindings: { cognitoGroups: [dataset-curators], sagemakerUserProfiles: [curator] }
  gateway-invokers:
    description: Invoke gateway endpoints only.
    grants: [invocations]
    bindings: { cognitoGroups: [gateway-invokers] }
  gateway-proxy:
    description: The gateway's raw proxy only.
    grants: [raw_proxy]
    bindings: { cognitoGroups: [gateway-proxy] }
`;

beforeAll(async () => {
  const realistic = await generateArtifacts(REALISTIC);
  if (realistic.artifacts === undefined) throw new Error(`the realistic file is refused: ${realistic.refused}`);
  const pool: Artifacts[] = [committedArtifacts(), realistic.artifacts];
  // Random files from the run's seed (so a replay rebuilds them); 1-2 roles keep the pattern proofs quick.
  const candidates = fc.sample(arbitraryPermissions.filter((f) => Object.keys(f.roles).length <= 2), { seed: SEED, numRuns: FILES * 4 });
  for (const file of candidates) {
    if (pool.length > FILES + 1) break;
    const { artifacts, refused } = await generateArtifacts(file.yaml);
    if (artifacts === undefined) stats.refusedFiles.push(refused ?? 'refused');
    else pool.push(artifacts);
  }
  stats.files = pool.length - 2;
  points = pool.map((artifacts) => new EnforcementPoints(artifacts, key, jwks().uri));
}, 600_000);

afterAll(() => {
  const branches = [...stats.branches].map(([b, n]) => `${b} ${n}`).join(', ');
  process.stderr.write(
    `parity: ${stats.cases} cases over the default file, the realistic file and ${stats.files} random files (seed ${SEED}; ${stats.refusedFiles.length} random files refused${stats.refusedFiles.length > 0 ? `, e.g. ${stats.refusedFiles[0]}` : ''}); ${branches}\n`,
  );
});

/** The browser-surface and IAM-surface spellings of a request: `/ajax-api/…` ⇔ `/api/…`. */
function twins(request: Request): { browser?: Request; iam?: Request } {
  const { method, path } = request;
  if (path.startsWith('/api/')) return { browser: { method, path: `/ajax-api/${path.slice(5)}` }, iam: request };
  if (path.startsWith('/ajax-api/')) return { browser: request, iam: { method, path: `/api/${path.slice(10)}` } };
  return { browser: request };
}

function count(what: string): void {
  stats.branches.set(what, (stats.branches.get(what) ?? 0) + 1);
}

/**
 * Every disagreement for one role (or group set) and one request, as messages. `groups` are the user's Cognito
 * groups; `role` is the role whose IAM policies a SigV4 caller holds (absent for group sets that are not one role).
 */
async function violations(p: EnforcementPoints, groups: readonly string[], role: string | undefined, request: Request, first: Request): Promise<string[]> {
  stats.cases++;
  const out: string[] = [];
  const { browser, iam } = twins(request);
  let browserDecision: Effect | undefined;
  if (browser !== undefined) {
    const reference = p.reference(groups, browser);
    const expected = browserExpected(reference, browser);
    browserDecision = await p.authorizerFresh(groups, browser);
    const branch: Branch = branchOf(browser);
    count(expected === reference ? `browser ${branch} ${reference}` : 'browser IAM wildcard in path deny');
    if (browserDecision !== expected) out.push(`authorizer says ${browserDecision}, expected ${expected} (reference ${reference}) for ${browser.method} ${browser.path}`);
    const cached = await p.authorizerCached(groups, first, browser);
    if (cached !== null) {
      count(first.method === browser.method && first.path === browser.path ? `cached same request ${cached}` : `cached other request ${cached}`);
      const problem = cachedViolation(cached, browserDecision, first, browser);
      if (problem !== null) out.push(`authorizer result cached for ${first.method} ${first.path}, on ${browser.method} ${browser.path}: ${problem}`);
    }
    const anonymous = await p.authorizerAnonymous(browser);
    if (anonymous !== browserExpected(p.reference([], browser), browser)) out.push(`authorizer without a token says ${anonymous} for ${browser.method} ${browser.path}`);
    if (anonymous === 'allow') count('browser public allow');
  }
  if (iam !== undefined && role !== undefined) {
    const reference = p.referenceForRole(role, iam);
    const declared = reference === 'allow' && branchOf(iam) === 'routed' && p.declaredException(role, iam);
    const expected: Effect = declared ? 'deny' : reference;
    const decision = p.iam(role, iam);
    count(declared ? 'iam declared SigV4 exception' : `iam ${branchOf(iam)} ${reference}`);
    const problem = patternViolation(decision, expected, iam, p.model.rights.get(role) ?? new Set());
    if (problem !== null) out.push(`IAM policies of ${role} on ${iam.method} ${iam.path}${declared ? ' (a declared SigV4 exception)' : ''}: ${problem}`);
    if (browser !== undefined && branchOf(iam) === 'routed' && branchOf(browser) === 'routed' && browserDecision !== decision && !declared && !/[*?]/.test(browser.path)) {
      out.push(`browser ${browser.path} (${browserDecision}) and IAM ${iam.path} (${decision}) disagree for ${role}`);
    }
  }
  return out;
}

describe('browser ⇔ IAM ⇔ permissions.yaml parity', () => {
  it('holds for every catalogue route × default role × method (exhaustive)', async () => {
    const p = points[0] as EnforcementPoints;
    const instances = CATALOGUE.flatMap((op) =>
      op.routes.map((r) => instantiate(parseTemplate(r.path, r.engine), (name, c) => (c === 'path' ? `dir-${name}/file.txt` : c === 'int' ? '7' : `v-${name}`))),
    );
    const problems: string[] = [];
    for (const role of p.model.rights.keys()) {
      const groups = p.groupsOf(role);
      for (const path of new Set(instances)) {
        for (const method of METHODS) {
          problems.push(...(await violations(p, groups, role, { method, path }, { method: 'GET', path: '/' })));
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('declares exactly the SigV4 exceptions IAM makes: each is a request the role may call that its policies deny', async () => {
    let declared = 0;
    for (const p of points) {
      for (const [role, exceptions] of p.artifacts.exceptions) {
        for (const e of exceptions) {
          const [method, path] = e.example.split(' ') as [string, string];
          const browser = { method, path: path.replace(/^\/api\//, '/ajax-api/') };
          expect(p.referenceForRole(role, { method, path }), e.example).toBe('allow');
          expect(p.iam(role, { method, path }), e.example).toBe('deny');
          expect(await p.authorizerFresh(p.groupsOf(role), browser), `${browser.path} on the browser path, role ${role} [${p.groupsOf(role).join(', ')}] ${JSON.stringify(p.artifacts.table.roles[role])}`).toBe(p.groupsOf(role).length > 0 ? 'allow' : 'deny');
          declared++;
        }
      }
    }
    // The realistic file's datasets role has one: DeleteDatasetTag for a tag named "records".
    expect(declared).toBeGreaterThanOrEqual(1);
    expect(points[1]?.artifacts.exceptions.get('dataset-curators')).toEqual([expect.objectContaining({ operation: 'DeleteDatasetTag', example: 'DELETE /api/3.0/mlflow/datasets/x/tags/records' })]);
  });

  it(`holds for random roles, group sets and requests (${RUNS} runs)`, async () => {
    const config = fc.nat().chain((i) => {
      const p = points[i % points.length] as EnforcementPoints;
      const roles = [...p.model.rights.keys()];
      const groups = [...p.model.roleOfGroup.keys()];
      return fc.record({
        config: fc.constant(i % points.length),
        // One role's groups (then its IAM policies are checked too), or any set of groups, unknown ones included.
        caller: fc.oneof(
          fc.constantFrom(...roles).map((role) => ({ role, groups: p.groupsOf(role) })),
          fc.subarray([...groups, 'not-a-bound-group']).map((gs) => ({ role: undefined, groups: gs })),
        ),
      });
    });
    // The request a cached result was returned for: often the request itself (a cache hit under the recommended key).
    const requestAndFirst = anyRequest.chain((request) => fc.tuple(fc.constant(request), fc.oneof(fc.constant(request), anyRequest)));
    const details = await fc.check(
      fc.asyncProperty(config, requestAndFirst, async ({ config: i, caller }, [request, first]) => {
        const problems = await violations(points[i] as EnforcementPoints, caller.groups, caller.role, request, first);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      }),
      { numRuns: RUNS, seed: SEED, ...(PATH === undefined ? {} : { path: PATH }) },
    );
    if (details.failed) {
      throw new Error(
        `${fc.defaultReportMessage(details)}\nreplay: PARITY_SEED=${details.seed} PARITY_PATH=${details.counterexamplePath} npx vitest run test/parity/parity.test.ts`,
      );
    }
    // Non-vacuous: each branch of the contract was exercised (scaled to the run count).
    const n = (what: string) => stats.branches.get(what) ?? 0;
    const min = Math.floor(RUNS / 100);
    for (const branch of ['browser routed allow', 'browser routed deny', 'iam routed allow', 'iam routed deny', 'cached same request allow', 'cached other request deny', 'browser malformed deny', 'iam malformed deny']) {
      expect(n(branch), branch).toBeGreaterThanOrEqual(min);
    }
  }, 600_000);
});
