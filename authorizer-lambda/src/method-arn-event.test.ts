// The authorizer decides the request the event describes, but API Gateway applies the returned policy to the
// methodArn; when the two disagree, the answer must be a deny. Without that check, a readers token with the event
// `POST …/runs/search` and a methodArn naming `…/runs/delete` gets an Allow on the delete ARN. Judged by the
// decision contract (test/contract/) and the IAM oracle on the methodArn, over the fixture's roles.
import { CATALOGUE } from '@mlflow-authz/core';
import type { Request } from '@mlflow-authz/test/contract';
import { anyRequest, authorizerExpected, showOutcome } from '@mlflow-authz/test/contract';
import { fixtureYaml, TEAM } from '@mlflow-authz/test/fixtures';
import { evaluate } from '@mlflow-authz/test/oracle';
import { referenceModel } from '@mlflow-authz/test/reference';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, methodArnFor, requestEvent } from '../test/events.js';
import { useLogCapture } from '../test/fixtures.js';
import type { TestAuthorizer } from '../test/harness.js';
import { testAuthorizer } from '../test/harness.js';
import { generateTestKey, jwksOf } from '../test/keys.js';
import { groupTokens } from '../test/tokens.js';

const RUNS = Number(process.env['METHOD_ARN_RUNS'] ?? 2000);
const key = generateTestKey('method-arn-key');
const model = referenceModel(fixtureYaml(TEAM), CATALOGUE);
let authorizer: TestAuthorizer;
useLogCapture();
beforeAll(() => {
  authorizer = testAuthorizer({ mode: 'cognito', jwks: jwksOf(key) });
});

const tokenOf = groupTokens(key);

/** The authorizer's answer for the event of `request` whose methodArn names `arn`, as API Gateway applies it to that ARN. */
async function answer(groups: readonly string[], request: Request, arn: Request): Promise<'allow' | 'deny'> {
  const token = tokenOf(groups);
  const result = await authorizer.handler(requestEvent(request.method, request.path, bearer(token), { methodArn: methodArnFor(arn.method, arn.path) }));
  return evaluate([result.policyDocument], 'execute-api:Invoke', methodArnFor(arn.method, arn.path)) === 'allow' ? 'allow' : 'deny';
}

describe('a methodArn that names another request than the event', () => {
  it('is denied: a reader searching runs gets no Allow on the delete ARN', async () => {
    const search = { method: 'POST', path: '/ajax-api/2.0/mlflow/runs/search' };
    const remove = { method: 'POST', path: '/ajax-api/2.0/mlflow/runs/delete' };
    expect(await answer(['readers'], search, search)).toBe('allow');
    expect(await answer(['readers'], search, remove)).toBe('deny');
    expect(await answer(['readers'], { method: 'GET', path: '/ajax-api/2.0/mlflow/runs/get' }, { method: 'GET', path: '/ajax-api/2.0/mlflow/experiments/get' })).toBe('deny');
  });

  it(`is denied whatever the two requests are, for every fixture role (${RUNS} runs)`, async () => {
    const roles = [...model.rights.keys()];
    let allowedEvents = 0;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...roles), anyRequest, anyRequest, async (role, request, arn) => {
        fc.pre(request.method !== arn.method || request.path !== arn.path);
        const groups = [...model.roleOfGroup].filter(([, r]) => r === role).map(([g]) => g);
        const granted = model.rights.get(role) ?? new Set<string>();
        // Whether the event alone would have been allowed: those are the cases the check exists for.
        if (authorizerExpected(granted, 'bearer', request).kind === 'allow') allowedEvents++;
        const expected = authorizerExpected(granted, 'bearer', request, arn);
        expect(expected.kind, showOutcome(expected)).toBe('deny');
        expect(await answer(groups, request, arn), `${role}: event ${request.method} ${request.path}, methodArn ${arn.method} ${arn.path}`).toBe('deny');
        checked++;
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThanOrEqual(RUNS * 0.95);
    expect(allowedEvents).toBeGreaterThanOrEqual(RUNS / 20);
  });
});
