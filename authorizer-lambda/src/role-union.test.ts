// The union subtlety: a user in several groups gets the patterns of the UNION of the roles' operations. With
// per-role statements concatenated, one role's deny exceptions would cancel another role's grants. The default
// roles nest (admins ⊇ model-approvers ⊇ readers), which hides that, so this test uses roles that do not,
// picked so that the patterns of run-writers deny runs/delete, which run-deleters grant; their patterns are
// built here with the real pattern builder.
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE } from '@mlflow-authz/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPatternTable } from '../build/whole-grant-patterns.js';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import type { ContractSetup } from '../test/cache-contract.js';
import { BranchCounter, cachedPolicy, expectContract, policyDecides } from '../test/cache-contract.js';
import { evaluate } from '../../test/oracle/iam-evaluator.js';
import { bearer, methodArnFor } from '../test/events.js';
import { testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import type { GeneratedRequest } from '../test/request-arbitraries.js';
import { anyRequest } from '../test/request-arbitraries.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { WholeGrantPolicies } from './whole-grant.js';

const ops = (area: string, access: string) => CATALOGUE.filter((o) => o.area === area && o.access === access).map((o) => o.id);
const TABLE: AuthorizerTable = {
  policyVersion: 'union-test',
  mlflowVersion: '3.15.0',
  apiStageName: 'prod',
  authorizerCacheTtlSeconds: 300,
  cognitoGroups: { 'run-writers': 'run-writers', 'run-deleters': 'run-deleters', 'run-readers': 'run-readers' },
  roles: { 'run-writers': ops('runs', 'write'), 'run-deleters': ops('runs', 'delete'), 'run-readers': ops('runs', 'read') },
};
const GROUPS = fc.subarray(Object.keys(TABLE.cognitoGroups), { minLength: 1 });
// Requests under /ajax-api/2.0/mlflow/runs/ (where the three roles' patterns interleave) and anything else.
const RUNS_REQUEST: fc.Arbitrary<GeneratedRequest> = fc
  .record({ method: fc.constantFrom('GET', 'POST', 'DELETE'), action: fc.constantFrom('create', 'update', 'delete', 'restore', 'get', 'search', 'delete-tag', 'set-tag', 'log-batch', 'log-parameter', 'x') })
  .map(({ method, action }) => ({ method, path: `/ajax-api/2.0/mlflow/runs/${action}` }));

const key = generateTestKey('union-key');
const jwks = useJwksServer(key);
let setup: ContractSetup;
useLogCapture(); // only to keep the decision log out of the test output

beforeAll(() => {
  const grantPatterns = buildPatternTable(TABLE);
  setup = {
    table: TABLE,
    cached: testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: TABLE, grantPatterns }),
    fresh: testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: { ...TABLE, authorizerCacheTtlSeconds: 0 } }),
  };
});

describe('a user in several groups', () => {
  it('may delete runs as a run-deleter even though the run-writers patterns deny runs/delete', async () => {
    const deleteRun = { method: 'POST', path: '/ajax-api/2.0/mlflow/runs/delete' };
    const writer = await cachedPolicy(setup, bearer(signRs256(key, cognitoIdClaims({ groups: ['run-writers'] }))), deleteRun);
    const both = await cachedPolicy(setup, bearer(signRs256(key, cognitoIdClaims({ groups: ['run-writers', 'run-deleters'] }))), deleteRun);
    // The premise: run-writers' own patterns deny runs/delete explicitly (else this test proves nothing).
    expect(evaluate([writer], 'execute-api:Invoke', methodArnFor(deleteRun.method, deleteRun.path))).toBe('explicit-deny');
    expect(policyDecides(both, deleteRun)).toBe('allow');
    expect(policyDecides(both, { method: 'POST', path: '/ajax-api/2.0/mlflow/runs/create' })).toBe('allow');
  });

  it('gets a cached policy that decides like fresh calls, for every combination of the three roles', async () => {
    const branches = new BranchCounter();
    await fc.assert(
      fc.asyncProperty(GROUPS, fc.oneof(RUNS_REQUEST, anyRequest), fc.array(fc.oneof(RUNS_REQUEST, anyRequest), { minLength: 1, maxLength: 8 }), (groups, a, bs) =>
        expectContract(setup, { headers: bearer(signRs256(key, cognitoIdClaims({ groups }))), groups, cookie: false }, a, bs, branches),
      ),
      { numRuns: 300 },
    );
    expect(branches.of('routed allow')).toBeGreaterThan(60);
  });

  it('is served from one memoized policy per role set', () => {
    const policies = new WholeGrantPolicies(TABLE, buildPatternTable(TABLE));
    const stage = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';
    expect(policies.forRoles(stage, 'run-deleters,run-writers', ['run-deleters', 'run-writers'], 'header')).toBe(
      policies.forRoles(stage, 'run-deleters,run-writers', ['run-deleters', 'run-writers'], 'header'),
    );
  });
});
