// The headline proof: for every role, what a person can do through the UI (the authorizer Lambda) equals what
// the same role's IAM principal can do through the MLflow client (its generated IAM policies), and both equal
// what permissions.yaml says (an independent reference model, judged by the decision contract of test/contract/)
// — except on the SigV4 exceptions generate declared, which are exactly where IAM denies what the role may do.
// Exhaustive over the catalogue × every role × every method of the project's permissions.yaml, the fixtures and
// the worked examples; then PARITY_RUNS random cases over those and PARITY_FILES random permissions files. A
// failure prints the shrunk counterexample, its seed and the command to replay it.
import type { TestKey } from '@mlflow-authz/authorizer/testing';
import { generateTestKey, useLogCapture } from '@mlflow-authz/authorizer/testing';
import { CATALOGUE } from '@mlflow-authz/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyRequest, BranchCounts, cookieReadRequest, iamExpected, METHODS, plainInstances, trailingSlashSpellings } from '../contract/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { arbitraryPermissions } from '../support/arbitrary-permissions.js';
import { generatedProject, generatedProjects } from '../support/generated-projects.js';
import type { Artifacts } from './artifacts.js';
import { committedArtifacts, generateArtifacts, projectArtifacts } from './artifacts.js';
import type { Case } from './check.js';
import { problemsOf } from './check.js';
import { EnforcementPoints } from './enforcement.js';

const RUNS = Number(process.env['PARITY_RUNS'] ?? 20_000);
const FILES = Number(process.env['PARITY_FILES'] ?? 3);
const SEED = process.env['PARITY_SEED'] === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(process.env['PARITY_SEED']);
const PATH = process.env['PARITY_PATH'];

const key: TestKey = generateTestKey('parity-key');
useLogCapture(); // keeps the authorizer's decision log out of the test output
const branches = new BranchCounts();
const stats = { cases: 0, refusedFiles: [] as string[] };
/** The permissions.yaml of the project, the fixtures, the worked examples, then the random files. */
let points: EnforcementPoints[] = [];
let named = 0;

beforeAll(async () => {
  const pool: Artifacts[] = [committedArtifacts(), ...FIXTURES.map((name) => projectArtifacts(generatedProject(`fixture:${name}`).root))];
  for (const key of Object.keys(generatedProjects()).filter((k) => k.startsWith('example:'))) pool.push(projectArtifacts(generatedProject(key).root));
  named = pool.length;
  // Random files from the run's seed (so a replay rebuilds them); 1-2 roles keep the pattern proofs quick. A file
  // the pipeline refuses is replaced by the next one, so that exactly FILES random files are checked.
  const candidates = fc.sample(arbitraryPermissions.filter((f) => Object.keys(f.roles).length <= 2), { seed: SEED, numRuns: FILES * 20 });
  for (const [i, file] of candidates.entries()) {
    if (pool.length === named + FILES) break;
    const { artifacts, refused } = await generateArtifacts(file.yaml, `random file ${i}`);
    if (artifacts === undefined) stats.refusedFiles.push(refused ?? 'refused');
    else pool.push(artifacts);
  }
  points = pool.map((artifacts) => new EnforcementPoints(artifacts, key));
}, 600_000);

afterAll(() => {
  const refused = stats.refusedFiles.length > 0 ? `, ${stats.refusedFiles.length} refused and replaced, e.g. ${stats.refusedFiles[0]}` : '';
  process.stderr.write(`parity: ${stats.cases} cases over ${named} named files and ${points.length - named} random files (seed ${SEED}${refused}); ${branches}\n`);
});

/** `arbitrary` once in `every` cases, else null. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

async function check(p: EnforcementPoints, c: Case): Promise<string[]> {
  stats.cases++;
  return problemsOf(p, c, branches);
}

describe('browser ⇔ IAM ⇔ permissions.yaml parity', () => {
  it('checks the project\'s permissions.yaml, every fixture, every worked example and exactly PARITY_FILES random files', () => {
    expect(points.map((p) => p.artifacts.source).slice(0, named)).toEqual([
      new URL('../../', import.meta.url).pathname,
      ...FIXTURES.map((name) => generatedProject(`fixture:${name}`).root),
      ...Object.keys(generatedProjects()).filter((k) => k.startsWith('example:')).map((k) => generatedProject(k).root),
    ]);
    expect(named).toBeGreaterThanOrEqual(1 + FIXTURES.length + 4);
    expect(points.length - named).toBe(FILES);
  });

  it('holds for every catalogue route × role × method of every named file (exhaustive, and the trailing-slash class), bearer and cookie', async () => {
    const plain = plainInstances(CATALOGUE);
    const instances = [...plain, ...trailingSlashSpellings(plain)];
    const problems: string[] = [];
    let cases = 0;
    for (const p of points.slice(0, named)) {
      for (const role of p.model.rights.keys()) {
        const caller = { groups: p.groupsOf(role), role };
        for (const path of instances) {
          for (const method of METHODS) {
            const request = { method, path };
            problems.push(...(await check(p, { caller, request, credential: cases % 5 === 0 ? 'cookie' : 'bearer', first: { method: 'GET', path: '/' }, arn: request })));
            cases++;
          }
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(named * 3 * instances.length * METHODS.length * 0.5);
  }, 600_000);

  it('declares exactly the SigV4 exceptions IAM makes: each is a request the role may call that its policies deny', async () => {
    let declared = 0;
    for (const p of points) {
      for (const [role, exceptions] of p.artifacts.exceptions) {
        for (const e of exceptions) {
          const [method, path] = e.example.split(' ') as [string, string];
          const request = { method, path };
          expect(iamExpected(p.rightsOfRole(role), request), e.example).toBe('allow');
          expect(p.iam(role, request), e.example).not.toBe('allow');
          const groups = p.groupsOf(role);
          const browser = await p.authorizer(groups, 'bearer', { method, path: path.replace(/^\/api\//, '/ajax-api/') });
          expect(browser.kind, `${e.example} on the browser path, role ${role}`).toBe(groups.length > 0 ? 'allow' : 'deny');
          declared++;
        }
      }
    }
    // The edge-roles fixture's datasets role has one: DeleteDatasetTag for a tag named "records".
    expect(declared).toBeGreaterThanOrEqual(1);
    const edge = points.find((p) => p.artifacts.source === generatedProject('fixture:edge-roles').root);
    expect(edge?.artifacts.exceptions.get('dataset-curators')).toEqual([expect.objectContaining({ operation: 'DeleteDatasetTag', example: 'DELETE /api/3.0/mlflow/datasets/x/tags/records' })]);
  });

  it(`holds for random roles, group sets, tokens and requests (${RUNS} runs)`, async () => {
    const anyCase = fc.nat().chain((i) => {
      const p = points[i % points.length] as EnforcementPoints;
      const roles = [...p.model.rights.keys()];
      const groups = [...p.model.roleOfGroup.keys()];
      // One role's groups (then its IAM policies are checked too), or any set of groups, unknown ones included.
      const caller = fc.oneof(
        fc.constantFrom(...roles).map((role) => ({ role, groups: p.groupsOf(role) })),
        fc.subarray([...groups, 'not-a-bound-group']).map((gs) => ({ groups: gs })),
      );
      // Mostly bearer tokens; the cookie on any request, and on the artifact reads that take it.
      const presented = fc.oneof(
        { weight: 6, arbitrary: fc.record({ credential: fc.constant('bearer' as const), request: anyRequest }) },
        { weight: 1, arbitrary: fc.record({ credential: fc.constant('cookie' as const), request: anyRequest }) },
        { weight: 1, arbitrary: fc.record({ credential: fc.constant('cookie' as const), request: cookieReadRequest }) },
      );
      return fc.record({ point: fc.constant(i % points.length), caller, presented, first: fc.option(anyRequest, { freq: 2 }), arn: sometimes(anyRequest, 20) });
    });
    const details = await fc.check(
      fc.asyncProperty(anyCase, async ({ point, caller, presented, first, arn }) => {
        const { request, credential } = presented;
        const c: Case = { caller, request, credential, first: first ?? request, arn: arn ?? request };
        const problems = await check(points[point] as EnforcementPoints, c);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      }),
      { numRuns: RUNS, seed: SEED, ...(PATH === undefined ? {} : { path: PATH }) },
    );
    if (details.failed) {
      const problem = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${fc.defaultReportMessage(details)}\n${problem}\nreplay: PARITY_SEED=${details.seed} PARITY_PATH=${details.counterexamplePath} npx vitest run test/parity/parity.test.ts`);
    }
    // Non-vacuous: each clause of the contract was exercised, with both outcomes where it has two (scaled to the run count).
    const often = Math.floor(RUNS / 100);
    const rare = Math.floor(RUNS / 1000);
    const minimums: [string, number][] = [
      ['authorizer bearer routed allow', often],
      ['authorizer bearer routed deny', often],
      ['authorizer bearer unrouted deny', often],
      ['authorizer bearer malformed deny', often],
      ['authorizer bearer /api/ path deny', often],
      ['authorizer bearer IAM wildcard in path deny', rare],
      ['authorizer bearer methodArn names another request deny', rare],
      ['authorizer bearer routed trailing slash allow', rare],
      ['authorizer none routed 401', often],
      ['authorizer none routed allow', rare],
      ['authorizer cookie routed allow', rare],
      ['authorizer cookie routed deny', rare],
      ['authorizer cookie routed 401', often],
      ['cached same request allow', often],
      ['cached same request deny', often],
      ['cached other request deny', often],
      ['iam routed allow', often],
      ['iam routed deny', often],
      ['iam malformed explicit-deny', often],
      ['iam unrouted either', often],
      ['browser ⇔ IAM compared', often],
    ];
    for (const [branch, min] of minimums) expect(branches.of(branch), `${branch} (${branches})`).toBeGreaterThanOrEqual(min);
  }, 600_000);
});
