// The parity suite can fail: each test changes one generated artifact the way a hand edit or a generator bug
// would, and shows that the same checks the parity proof runs find a counterexample.
import { CATALOGUE, instantiate, parseTemplate } from '@mlflow-authz/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../../authorizer-lambda/test/fixtures.js';
import { generateTestKey } from '../../authorizer-lambda/test/keys.js';
import type { OraclePolicy, OracleStatement } from '../oracle/iam-evaluator.js';
import type { Artifacts } from './artifacts.js';
import { committedArtifacts, generateArtifacts } from './artifacts.js';
import { browserExpected, cachedViolation, patternViolation } from './contract.js';
import type { Request } from './enforcement.js';
import { EnforcementPoints } from './enforcement.js';

const key = generateTestKey('drift-key');
const jwks = useJwksServer(key);
useLogCapture();
let committed: Artifacts;
let curators: Artifacts;
beforeAll(async () => {
  committed = committedArtifacts();
  const generated = await generateArtifacts(`version: 1
settings: { mlflowVersion: "3.15.0" }
roles:
  dataset-curators:
    description: Datasets without record deletes.
    grants: ["datasets:delete"]
    deny: [DeleteDatasetRecords]
    bindings: { cognitoGroups: [dataset-curators] }
`);
  if (generated.artifacts === undefined) throw new Error(generated.refused);
  curators = generated.artifacts;
}, 120_000);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUESTS: Request[] = [
  ...new Set(CATALOGUE.flatMap((op) => op.routes.map((r) => instantiate(parseTemplate(r.path, r.engine), (n, c) => (c === 'path' ? `d-${n}/f.txt` : `v-${n}`))))),
].flatMap((path) => METHODS.map((method) => ({ method, path })));

/** The first disagreement the parity checks find for `role` over every catalogue route × method (and `extra`), or null. */
async function firstDisagreement(artifacts: Artifacts, role: string, extra: readonly Request[] = []): Promise<string | null> {
  const p = new EnforcementPoints(artifacts, key, jwks().uri);
  const groups = p.groupsOf(role);
  const granted = p.model.rights.get(role) ?? new Set<string>();
  const other = { method: 'GET', path: '/ajax-api/2.0/mlflow/experiments/get' };
  for (const request of [...REQUESTS, ...extra]) {
    if (request.path.startsWith('/api/')) {
      const reference = p.referenceForRole(role, request);
      const expected = reference === 'allow' && p.declaredException(role, request) ? 'deny' : reference;
      const problem = patternViolation(p.iam(role, request), expected, request, granted);
      if (problem !== null) return `IAM ${request.method} ${request.path}: ${problem}`;
    } else {
      const reference = browserExpected(p.reference(groups, request), request);
      const fresh = await p.authorizerFresh(groups, request);
      if (fresh !== reference) return `authorizer ${request.method} ${request.path}: ${fresh}, reference ${reference}`;
      for (const first of [request, other]) {
        const cached = await p.authorizerCached(groups, first, request);
        const problem = cached === null ? null : cachedViolation(cached, fresh, first, request);
        if (problem !== null) return `cached authorizer ${request.method} ${request.path}: ${problem}`;
      }
    }
  }
  return null;
}

/** A copy of the committed artifacts with `role`'s IAM statements rewritten. */
function withIam(role: string, rewrite: (statements: OracleStatement[]) => OracleStatement[]): Artifacts {
  const iam = new Map(committed.iam);
  const documents = (iam.get(role) ?? []).map((d): OraclePolicy => ({ ...d, Statement: rewrite(structuredClone([d.Statement].flat())) }));
  iam.set(role, documents);
  return { ...committed, iam };
}

const resources = (s: OracleStatement) => [s.Resource ?? []].flat();

describe('the parity checks catch a drifted artifact', () => {
  it('accept the committed artifacts and a role with a declared SigV4 exception (the baselines of the mutations below)', async () => {
    for (const role of ['readers', 'model-approvers', 'admins']) expect(await firstDisagreement(committed, role)).toBeNull();
    expect(curators.exceptions.get('dataset-curators')).toHaveLength(1);
    expect(await firstDisagreement(curators, 'dataset-curators')).toBeNull();
  });

  it('an IAM policy that lost its POST allows', async () => {
    const mutated = withIam('readers', (statements) =>
      statements.map((s) => (s.Effect === 'Allow' ? { ...s, Resource: resources(s).filter((r) => !r.includes('/POST/')) } : s)),
    );
    expect(await firstDisagreement(mutated, 'readers')).toMatch(/^IAM POST .*reference allow/);
  });

  it('an IAM allow pattern widened', async () => {
    const mutated = withIam('model-approvers', (statements) =>
      statements.map((s) => (s.Effect === 'Allow' ? { ...s, Resource: resources(s).map((r) => r.replace(/\/prod\/DELETE\/.*$/, '/prod/DELETE/api/*')) } : s)),
    );
    expect(await firstDisagreement(mutated, 'model-approvers')).toMatch(/^IAM DELETE .*policy says allow, reference deny/);
  });

  it('an IAM deny exception removed', async () => {
    const mutated = withIam('readers', (statements) =>
      statements.map((s) => (s.Effect === 'Deny' ? { ...s, Resource: resources(s).filter((r) => !r.endsWith('/mlflow/us*')) } : s)),
    );
    expect(await firstDisagreement(mutated, 'readers')).toMatch(/^IAM (GET|HEAD) \/api\/.*\/users\/.*policy says allow, reference deny/);
  });

  it('a Cognito group bound to another role in the authorizer table', async () => {
    const mutated: Artifacts = { ...committed, table: { ...committed.table, cognitoGroups: { ...committed.table.cognitoGroups, readers: 'model-approvers' } } };
    expect(await firstDisagreement(mutated, 'readers')).toMatch(/^authorizer .*: allow, reference deny/);
  });

  it('a SigV4 exception left undeclared', async () => {
    const mutated: Artifacts = { ...curators, exceptions: new Map([['dataset-curators', []]]) };
    // The lost request itself: the catalogue sample here never names a tag `records`.
    const lost = (curators.exceptions.get('dataset-curators') ?? []).map((e) => ({ method: e.example.split(' ')[0] as string, path: e.example.split(' ')[1] as string }));
    expect(await firstDisagreement(curators, 'dataset-curators', lost)).toBeNull();
    expect(await firstDisagreement(mutated, 'dataset-curators', lost)).toMatch(/^IAM DELETE \/api\/3\.0\/mlflow\/datasets\/.*\/tags\/records: routed: policy says deny, reference allow/);
  });

  it('a SigV4 exception declared where IAM is exact', async () => {
    const declared = { resource: 'GET/api/2.0/mlflow/runs/get', operation: 'GetRun', example: 'GET /api/2.0/mlflow/runs/get' };
    const mutated: Artifacts = { ...committed, exceptions: new Map([...committed.exceptions, ['readers', [declared]]]) };
    expect(await firstDisagreement(mutated, 'readers')).toMatch(/^IAM GET \/api\/2\.0\/mlflow\/runs\/get: routed: policy says allow, reference deny/);
  });
});
