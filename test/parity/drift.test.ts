// The parity suite can fail: each test changes one generated artifact of a fixture the way a hand edit or a
// generator bug would — by a structured edit of the parsed policy or table, asserted to have changed something —
// and shows that the checks the parity proof runs (check.ts) find a counterexample.
import type { TestKey } from '@mlflow-authz/authorizer/testing';
import { generateTestKey, useLogCapture } from '@mlflow-authz/authorizer/testing';
import { CATALOGUE } from '@mlflow-authz/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../contract/index.js';
import { BranchCounts, METHODS, plainInstances } from '../contract/index.js';
import { TEAM } from '../fixtures/index.js';
import type { OraclePolicy, OracleStatement } from '../oracle/iam-evaluator.js';
import { fixtureProject } from '../support/generated-projects.js';
import type { Artifacts } from './artifacts.js';
import { projectArtifacts } from './artifacts.js';
import { problemsOf } from './check.js';
import { EnforcementPoints } from './enforcement.js';

const key: TestKey = generateTestKey('drift-key');
useLogCapture();
let team: Artifacts;
let edge: Artifacts;
beforeAll(() => {
  team = projectArtifacts(fixtureProject(TEAM).root);
  edge = projectArtifacts(fixtureProject('edge-roles').root);
});

const INSTANCES = plainInstances(CATALOGUE);
const IAM_REQUESTS: Request[] = INSTANCES.filter((p) => p.startsWith('/api/')).flatMap((path) => METHODS.map((method) => ({ method, path })));
const BROWSER_REQUESTS: Request[] = INSTANCES.filter((p) => !p.startsWith('/api/')).flatMap((path) => METHODS.map((method) => ({ method, path })));

/** The first disagreement the parity checks find for `role` over `requests` (and `extra`), or null. */
async function firstDisagreement(artifacts: Artifacts, role: string, requests: readonly Request[], extra: readonly Request[] = []): Promise<string | null> {
  const p = new EnforcementPoints(artifacts, key);
  const caller = { groups: p.groupsOf(role), role };
  const branches = new BranchCounts();
  for (const request of [...requests, ...extra]) {
    const [problem] = await problemsOf(p, { caller, request, credential: 'bearer', first: request, arn: request }, branches);
    if (problem !== undefined) return problem;
  }
  return null;
}

/** A resource of an IAM statement, split: `arn:…:apiId/stage/` and the rest (`METHOD/path-glob`, or a pattern starting with `*`). */
function rest(resource: string): string {
  const match = /^arn:[^/]*\/[^/]+\/(.*)$/s.exec(resource);
  if (match === null) throw new Error(`not a stage resource: ${resource}`);
  return match[1] as string;
}

/**
 * A copy of `artifacts` with each of `role`'s own statements of `effect` rewritten resource list by resource list
 * (the shared guard untouched), and how many resources the rewrite changed, so that a test can assert it applied.
 */
function rewriteOwn(artifacts: Artifacts, role: string, effect: 'Allow' | 'Deny', rewrite: (resources: string[]) => string[]): { mutated: Artifacts; changed: number } {
  let changed = 0;
  const documents = (artifacts.iam.get(role) ?? []).map((d, i): OraclePolicy => {
    if (i < artifacts.sharedDocuments) return d;
    const statements = [d.Statement].flat().map((s): OracleStatement => {
      if (s.Effect !== effect) return s;
      const before = [s.Resource].flat();
      const after = rewrite([...before]);
      changed += before.filter((r) => !after.includes(r)).length + after.filter((r) => !before.includes(r)).length;
      return { ...s, Resource: after };
    });
    return { ...d, Statement: statements };
  });
  return { mutated: { ...artifacts, iam: new Map([...artifacts.iam, [role, documents]]) }, changed };
}

describe('the parity checks catch a drifted artifact', () => {
  it('accept the fixtures\' artifacts, a role with a declared SigV4 exception included (the baselines of the mutations below)', async () => {
    // The role and request set of each mutation below (parity.test.ts checks every role of the fixtures).
    expect(await firstDisagreement(team, 'readers', IAM_REQUESTS)).toBeNull();
    expect(await firstDisagreement(team, 'model-approvers', IAM_REQUESTS)).toBeNull();
    expect(await firstDisagreement(team, 'readers', BROWSER_REQUESTS)).toBeNull();
    expect(edge.exceptions.get('dataset-curators')).toHaveLength(1);
    expect(await firstDisagreement(edge, 'dataset-curators', IAM_REQUESTS)).toBeNull();
  });

  it('an IAM policy that lost its POST allows', async () => {
    const { mutated, changed } = rewriteOwn(team, 'readers', 'Allow', (resources) => resources.filter((r) => !rest(r).startsWith('POST/')));
    expect(changed).toBeGreaterThan(0);
    expect(await firstDisagreement(mutated, 'readers', IAM_REQUESTS)).toMatch(/^IAM policies of readers on POST .*: implicit-deny, contract allow/);
  });

  it('an IAM allow pattern widened', async () => {
    const { mutated, changed } = rewriteOwn(team, 'model-approvers', 'Allow', (resources) => resources.map((r) => (rest(r).startsWith('POST/') ? r.replace(/\/POST\/.*$/s, '/POST/api/*') : r)));
    expect(changed).toBeGreaterThan(0);
    expect(await firstDisagreement(mutated, 'model-approvers', IAM_REQUESTS)).toMatch(/^IAM policies of model-approvers on POST .*: allow, contract deny/);
  });

  it('an IAM deny exception removed (each of the role\'s own denies is needed)', async () => {
    const own = (team.iam.get('readers') ?? []).slice(team.sharedDocuments).flatMap((d) => [d.Statement].flat()).filter((s) => s.Effect === 'Deny').flatMap((s) => [s.Resource].flat());
    expect(own.length).toBeGreaterThan(0);
    // One deny is enough to show it; the one that keeps readers out of the auth plugin's users and roles.
    const target = own.find((r) => /\/mlflow\/us\*$/.test(r)) ?? (own[0] as string);
    const { mutated, changed } = rewriteOwn(team, 'readers', 'Deny', (resources) => resources.filter((r) => r !== target));
    expect(changed).toBe(1);
    expect(await firstDisagreement(mutated, 'readers', IAM_REQUESTS)).toMatch(/^IAM policies of readers on (GET|HEAD) \/api\/.*: allow, contract deny/);
  });

  it('a Cognito group bound to another role in the authorizer table', async () => {
    expect(team.table.cognitoGroups['readers']).toBe('readers');
    const mutated: Artifacts = { ...team, table: { ...team.table, cognitoGroups: { ...team.table.cognitoGroups, readers: 'model-approvers' } } };
    expect(await firstDisagreement(mutated, 'readers', BROWSER_REQUESTS)).toMatch(/^authorizer \(bearer token, groups \[readers\]\) on .*: allow \S+, contract deny/);
  });

  it('a SigV4 exception left undeclared', async () => {
    const lost = (edge.exceptions.get('dataset-curators') ?? []).map((e) => ({ method: e.example.split(' ')[0] as string, path: e.example.split(' ')[1] as string }));
    expect(lost).toHaveLength(1);
    const mutated: Artifacts = { ...edge, exceptions: new Map([...edge.exceptions, ['dataset-curators', []]]) };
    // The lost request itself: the catalogue sample never names a tag `records`.
    expect(await firstDisagreement(edge, 'dataset-curators', IAM_REQUESTS, lost)).toBeNull();
    expect(await firstDisagreement(mutated, 'dataset-curators', IAM_REQUESTS, lost)).toMatch(/^IAM policies of dataset-curators on DELETE \/api\/3\.0\/mlflow\/datasets\/.*\/tags\/records: explicit-deny, contract allow/);
  });

  it('a SigV4 exception declared where IAM is exact', async () => {
    const declared = { resource: 'GET/api/2.0/mlflow/runs/get', operation: 'GetRun', example: 'GET /api/2.0/mlflow/runs/get' };
    const mutated: Artifacts = { ...team, exceptions: new Map([...team.exceptions, ['readers', [declared]]]) };
    expect(await firstDisagreement(mutated, 'readers', IAM_REQUESTS)).toMatch(/^IAM policies of readers on GET \/api\/2\.0\/mlflow\/runs\/get \(a declared SigV4 exception covers it\): allow, contract deny/);
  });
});
