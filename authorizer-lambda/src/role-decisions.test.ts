// Each role of the test fixture (test/fixtures/readers-approvers-admins.yaml: the shape of the project's default
// permissions.yaml, frozen) gets the intended decision on representative routes: the expectations are written out
// by hand from the role descriptions, not derived from generated/. Keys are preloaded, as JWKS_JSON does.
import { beforeAll, describe, expect, it } from 'vitest';
import { useLogCapture } from '../test/fixtures.js';
import { bearer, methodArnFor, requestEvent } from '../test/events.js';
import type { TestAuthorizer } from '../test/harness.js';
import { testAuthorizer } from '../test/harness.js';
import { generateTestKey, jwksOf } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';

type Expect = 'allow' | 'deny';
// [method, path, readers, model-approvers, admins, no group]
const ROUTES: readonly [string, string, Expect, Expect, Expect, Expect][] = [
  // UI shell and static files
  // Public: the UI shell loads for anyone (also without a token, below).
  ['GET', '/', 'allow', 'allow', 'allow', 'allow'],
  ['GET', '/static-files/static/js/main.3f2a1c.js', 'allow', 'allow', 'allow', 'allow'],
  ['GET', '/build/index.html', 'allow', 'allow', 'allow', 'deny'],
  // reads, including reads over POST
  ['GET', '/ajax-api/2.0/mlflow/experiments/get', 'allow', 'allow', 'allow', 'deny'],
  ['POST', '/ajax-api/2.0/mlflow/runs/search', 'allow', 'allow', 'allow', 'deny'],
  ['GET', '/get-artifact', 'allow', 'allow', 'allow', 'deny'],
  ['HEAD', '/get-artifact', 'allow', 'allow', 'allow', 'deny'],
  ['GET', '/ajax-api/2.0/mlflow-artifacts/artifacts/0/run1/artifacts/model/MLmodel', 'allow', 'allow', 'allow', 'deny'],
  // tracking writes and deletes: admins only
  ['POST', '/ajax-api/2.0/mlflow/runs/create', 'deny', 'deny', 'allow', 'deny'],
  ['POST', '/ajax-api/2.0/mlflow/experiments/delete', 'deny', 'deny', 'allow', 'deny'],
  ['PUT', '/ajax-api/2.0/mlflow-artifacts/artifacts/0/run1/artifacts/x.txt', 'deny', 'deny', 'allow', 'deny'],
  // the model registry: approvers register and manage versions, but do not delete
  ['POST', '/ajax-api/2.0/mlflow/registered-models/create', 'deny', 'allow', 'allow', 'deny'],
  ['POST', '/ajax-api/2.0/mlflow/model-versions/transition-stage', 'deny', 'allow', 'allow', 'deny'],
  ['DELETE', '/ajax-api/2.0/mlflow/model-versions/delete', 'deny', 'deny', 'allow', 'deny'],
  ['DELETE', '/ajax-api/2.0/mlflow/registered-models/delete', 'deny', 'deny', 'allow', 'deny'],
  // FastAPI routes: the jobs API and the AI gateway
  ['GET', '/ajax-api/3.0/jobs/job-42', 'allow', 'allow', 'allow', 'deny'],
  ['POST', '/ajax-api/3.0/jobs/', 'deny', 'deny', 'allow', 'deny'],
  ['POST', '/gateway/my-endpoint/mlflow/invocations', 'deny', 'deny', 'allow', 'deny'],
  // the /api/ surface belongs to SigV4 callers: this authorizer allows nothing there, whoever asks
  ['GET', '/api/2.0/mlflow/experiments/get', 'deny', 'deny', 'deny', 'deny'],
  ['POST', '/api/2.0/mlflow/runs/create', 'deny', 'deny', 'deny', 'deny'],
  // what MLflow does not serve, and malformed paths
  ['GET', '/ajax-api/2.0/mlflow/experiments/get/extra', 'deny', 'deny', 'deny', 'deny'],
  ['DELETE', '/ajax-api/2.0/mlflow/experiments/get', 'deny', 'deny', 'deny', 'deny'],
  ['OPTIONS', '/ajax-api/2.0/mlflow/experiments/get', 'deny', 'deny', 'deny', 'deny'],
  ['GET', '/ajax-api/2.0/mlflow/../mlflow/experiments/get', 'deny', 'deny', 'deny', 'deny'],
  ['GET', '/ajax-api/2.0/mlflow//experiments/get', 'deny', 'deny', 'deny', 'deny'],
  ['GET', '/ajax-api/2.0/mlflow/experiments/%67et', 'deny', 'deny', 'deny', 'deny'],
];

const USERS: readonly [string, string[] | undefined][] = [
  ['readers', ['readers']],
  ['model-approvers', ['model-approvers']],
  ['admins', ['admins']],
  ['no group', undefined],
];

const key = generateTestKey('roles-key');
let authorizer: TestAuthorizer;
const logs = useLogCapture();
beforeAll(() => {
  authorizer = testAuthorizer({ mode: 'cognito', jwks: jwksOf(key) });
});

describe.each(USERS.map(([name, groups], column) => ({ name, groups, column })))('$name', ({ groups, column }) => {
  it.each(ROUTES.map((r) => ({ method: r[0], path: r[1], expected: r[2 + column] as Expect })))(
    '$method $path → $expected',
    async ({ method, path, expected }) => {
      const token = signRs256(key, cognitoIdClaims(groups === undefined ? {} : { groups }));
      const result = await authorizer.handler(requestEvent(method, path, bearer(token)));
      expect(result.policyDocument.Statement).toEqual([
        { Effect: expected === 'allow' ? 'Allow' : 'Deny', Action: 'execute-api:Invoke', Resource: methodArnFor(method, path) },
      ]);
      expect(logs().records().at(-1)?.['decision']).toBe(expected);
    },
  );
});

describe('several groups', () => {
  it('get the union of their roles: a reader who is also an approver may register models', async () => {
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers', 'model-approvers', 'not-a-role'] }));
    const path = '/ajax-api/2.0/mlflow/registered-models/create';
    const result = await authorizer.handler(requestEvent('POST', path, bearer(token)));
    expect(result.policyDocument.Statement[0]?.Effect).toBe('Allow');
    expect(result.context).toMatchObject({ roles: 'model-approvers,readers', operation: 'CreateRegisteredModel' });
  });

  it('unknown groups only: an explicit Deny', async () => {
    const token = signRs256(key, cognitoIdClaims({ groups: ['contractors'] }));
    const result = await authorizer.handler(requestEvent('GET', '/ajax-api/2.0/mlflow/experiments/get', bearer(token)));
    expect(result.policyDocument.Statement[0]?.Effect).toBe('Deny');
    expect(result.context['roles']).toBe('');
  });
});

describe('public operations (the UI shell)', () => {
  it.each([
    ['no token', {}],
    ['an expired token', { Authorization: `Bearer ${signRs256(key, cognitoIdClaims({ groups: ['readers'], exp: 1 }))}` }],
    ['not a bearer token', { Authorization: 'Basic Zm9vOmJhcg==' }],
  ])('are allowed with %s, exactly this request, as principal anonymous', async (_what, headers) => {
    for (const [method, path, operation] of [
      ['GET', '/', 'serve'],
      ['HEAD', '/', 'serve'],
      ['GET', '/static-files/static/js/main.3f2a1c.js', 'serve_static_file'],
    ] as const) {
      const result = await authorizer.handler(requestEvent(method, path, headers));
      expect(result.policyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: methodArnFor(method, path) }]);
      expect(result).toMatchObject({ principalId: 'anonymous', context: { operation, roles: '' } });
    }
  });

  it('are only those routes: everything else without a token is still a 401', async () => {
    for (const [method, path] of [
      ['POST', '/'],
      ['GET', '/build/index.html'],
      ['GET', '/static-files/../ajax-api/2.0/mlflow/experiments/get'],
      ['GET', '/ajax-api/2.0/mlflow/experiments/get'],
    ] as const) {
      await expect(authorizer.handler(requestEvent(method, path, {}))).rejects.toThrow(/^Unauthorized$/);
    }
  });
});

describe('a methodArn that names another request than the event', () => {
  // The policy names the methodArn, and API Gateway judges the methodArn: deciding the event's own method and path
  // would hand out an Allow for a request nobody decided.
  it.each([
    ['another path', 'POST', '/ajax-api/2.0/mlflow/runs/search', 'POST', '/ajax-api/2.0/mlflow/runs/delete'],
    ['another method', 'GET', '/ajax-api/2.0/mlflow/experiments/get', 'DELETE', '/ajax-api/2.0/mlflow/experiments/get'],
    ['another path, both readable', 'GET', '/ajax-api/2.0/mlflow/experiments/get', 'GET', '/ajax-api/2.0/mlflow/runs/get'],
  ])('%s: an explicit Deny of the methodArn, whatever the event asks', async (_what, method, path, arnMethod, arnPath) => {
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));
    const event = requestEvent(method, path, bearer(token), { methodArn: methodArnFor(arnMethod, arnPath) });
    const result = await authorizer.handler(event);
    expect(result.policyDocument.Statement).toEqual([{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: methodArnFor(arnMethod, arnPath) }]);
    expect(logs().records().at(-1)).toMatchObject({ decision: 'deny', reason: 'no route: methodArn does not name the event method and path' });
    // The same event with its own methodArn is allowed: the deny comes from the disagreement alone.
    expect((await authorizer.handler(requestEvent(method, path, bearer(token)))).policyDocument.Statement[0]?.Effect).toBe('Allow');
  });
});
