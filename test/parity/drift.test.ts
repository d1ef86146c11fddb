// The parity suite can fail: each test changes one generated artifact the way a hand edit or a generator bug
// would, and shows that the same checks the parity proof runs find a counterexample.
import { CATALOGUE, instantiate, parseTemplate } from '@mlflow-authz/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../../authorizer-lambda/test/fixtures.js';
import { generateTestKey } from '../../authorizer-lambda/test/keys.js';
import type { OraclePolicy, OracleStatement } from '../oracle/iam-evaluator.js';
import type { Artifacts } from './artifacts.js';
import { committedArtifacts } from './artifacts.js';
import { patternViolation } from './contract.js';
import type { Request } from './enforcement.js';
import { EnforcementPoints } from './enforcement.js';

const key = generateTestKey('drift-key');
const jwks = useJwksServer(key);
useLogCapture();
let committed: Artifacts;
beforeAll(() => {
  committed = committedArtifacts();
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUESTS: Request[] = [
  ...new Set(CATALOGUE.flatMap((op) => op.routes.map((r) => instantiate(parseTemplate(r.path, r.engine), (n, c) => (c === 'path' ? `d-${n}/f.txt` : `v-${n}`))))),
].flatMap((path) => METHODS.map((method) => ({ method, path })));

/** The first disagreement the parity checks find for `role` over every catalogue route × method, or null. */
async function firstDisagreement(artifacts: Artifacts, role: string): Promise<string | null> {
  const p = new EnforcementPoints(artifacts, key, jwks().uri);
  const groups = p.groupsOf(role);
  const granted = p.model.rights.get(role) ?? new Set<string>();
  for (const request of REQUESTS) {
    if (request.path.startsWith('/api/')) {
      const problem = patternViolation(p.iam(role, request), p.referenceForRole(role, request), request, granted);
      if (problem !== null) return `IAM ${request.method} ${request.path}: ${problem}`;
    } else {
      const reference = p.reference(groups, request);
      const fresh = await p.authorizerFresh(groups, request);
      if (fresh !== reference) return `authorizer ${request.method} ${request.path}: ${fresh}, reference ${reference}`;
      const problem = patternViolation(await p.authorizerCached(groups, { method: 'GET', path: '/' }, request), reference, request, granted);
      if (problem !== null) return `cached authorizer ${request.method} ${request.path}: ${problem}`;
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
  it('accept the committed artifacts (the baseline of the mutations below)', async () => {
    for (const role of ['readers', 'model-approvers', 'admins']) expect(await firstDisagreement(committed, role)).toBeNull();
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

  it('a deny removed from the cached authorizer patterns', async () => {
    const grants = Object.fromEntries(
      Object.entries(committed.patterns.grants).map(([k, g]) => [k, { ...g, deny: g.deny.filter((d) => !d.endsWith('/mlflow/us*')) }]),
    );
    const mutated: Artifacts = { ...committed, patterns: { ...committed.patterns, grants } };
    expect(await firstDisagreement(mutated, 'readers')).toMatch(/^cached authorizer (GET|HEAD) .*\/users\/.*policy says allow, reference deny/);
  });
});
