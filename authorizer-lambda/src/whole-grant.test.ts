// The policies returned when API Gateway caches results: sizes and shapes for every combination of roles.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../test/oracle/iam-evaluator.js';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { bearer, methodArnFor, requestEvent, STAGE_ARN } from '../test/events.js';
import { GENERATED_TABLE, grantPatterns, tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { buildPatternTable } from '../build/whole-grant-patterns.js';
import { grantKey } from './grant-key.js';
import { WholeGrantPolicies } from './whole-grant.js';
import { allRoleSets, grantedOperations } from './whole-grant-patterns.js';

const PATTERNS = grantPatterns();
const policies = new WholeGrantPolicies(GENERATED_TABLE, PATTERNS);
const ROLE_SETS = allRoleSets(GENERATED_TABLE);

describe('the committed pattern table', () => {
  it('was built for generated/ as it is (else: npm run generate)', () => {
    expect(PATTERNS.policyVersion).toBe(GENERATED_TABLE.policyVersion);
  });

  it('has the patterns of every role set, with a bearer token and with the cookie', () => {
    for (const roles of ROLE_SETS) {
      for (const source of ['header', 'cookie'] as const) {
        const operations = grantedOperations(GENERATED_TABLE, roles, source);
        if (operations.size > 0) expect(PATTERNS.grants[grantKey(operations)], `[${roles.join(', ')}] ${source}`).toBeDefined();
      }
    }
  });

  it('is what the pattern builder makes of generated/ now (else: npm run generate)', () => {
    expect(buildPatternTable(GENERATED_TABLE)).toEqual(PATTERNS);
  });

  it('refuses to serve a table of another policy version', () => {
    expect(() => new WholeGrantPolicies(GENERATED_TABLE, { ...PATTERNS, policyVersion: '0000000000000000' })).toThrow(/policy version/);
  });
});

describe.each(['header', 'cookie'] as const)('whole-grant policies for a %s token', (source) => {
  it.each(ROLE_SETS.map((roles) => [roles.join(',') || '(no role)', roles] as const))('%s: resources of this stage only, each ≤ 512 characters', (_name, roles) => {
    const policy = policies.forRoles(STAGE_ARN, roles.join(','), roles, source);
    expect(policy.Statement.length).toBeGreaterThan(0);
    for (const statement of policy.Statement) {
      expect(statement.Action).toBe('execute-api:Invoke');
      for (const resource of [statement.Resource].flat()) {
        expect(resource.startsWith(`${STAGE_ARN}/`)).toBe(true);
        expect(resource.length).toBeLessThanOrEqual(512);
      }
    }
  });
});

describe('a role set that grants nothing', () => {
  it('gets one explicit Deny of the whole stage (no request of theirs is lost by caching it)', () => {
    expect(policies.forRoles(STAGE_ARN, '', [], 'header').Statement).toEqual([{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${STAGE_ARN}/*` }]);
    expect(policies.forRoles(STAGE_ARN, 'unknown-role', ['unknown-role'], 'header').Statement).toEqual([
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${STAGE_ARN}/*` },
    ]);
  });
});

describe('several roles', () => {
  it('are granted as the union: one role’s deny exceptions never cancel another role’s grants', () => {
    const union = policies.forRoles(STAGE_ARN, 'admins,readers', ['admins', 'readers'], 'header');
    const admins = policies.forRoles(STAGE_ARN, 'admins', ['admins'], 'header');
    for (const [method, path] of [
      ['POST', '/ajax-api/2.0/mlflow/runs/create'],
      ['DELETE', '/ajax-api/2.0/mlflow/registered-models/delete'],
      ['GET', '/ajax-api/2.0/mlflow/experiments/get'],
    ] as const) {
      const arn = methodArnFor(method, path);
      expect(evaluate([union], 'execute-api:Invoke', arn)).toBe(evaluate([admins], 'execute-api:Invoke', arn));
      expect(evaluate([union], 'execute-api:Invoke', arn)).toBe('allow');
    }
  });

  it('are memoized per role set', () => {
    expect(policies.forRoles(STAGE_ARN, 'readers', ['readers'], 'header')).toBe(policies.forRoles(STAGE_ARN, 'readers', ['readers'], 'header'));
  });
});

describe('the authorizer with cache TTL > 0', () => {
  const key = generateTestKey('ttl-key');
  const jwks = useJwksServer(key);
  const logs = useLogCapture();

  it('returns the role set’s whole grant, with operation * in the context (the context is cached with it)', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) });
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));
    const result = await authorizer.handler(requestEvent('POST', '/ajax-api/2.0/mlflow/runs/create', bearer(token)));
    expect(result.policyDocument).toEqual(policies.forRoles(STAGE_ARN, 'readers', ['readers'], 'header'));
    expect(result.context).toEqual({ username: 'alice', roles: 'readers', operation: '*', policyVersion: GENERATED_TABLE.policyVersion });
    expect(logs().records().at(-1)).toMatchObject({ decision: 'deny', operation: 'CreateRun' });
  });

  it('gives a user without a role the explicit Deny of the whole stage', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) });
    const result = await authorizer.handler(requestEvent('GET', '/', bearer(signRs256(key, cognitoIdClaims()))));
    expect(result.policyDocument.Statement).toEqual([{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${STAGE_ARN}/*` }]);
  });

  it('builds whole grants for the stage of generated/, whatever stage the request names', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) });
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));
    const event = requestEvent('GET', '/', bearer(token), { methodArn: methodArnFor('GET', '/', 'staging') });
    const result = await authorizer.handler(event);
    for (const resource of result.policyDocument.Statement.flatMap((s) => [s.Resource].flat())) expect(resource.startsWith(`${STAGE_ARN}/`)).toBe(true);
    expect(logs().records().at(-1)).toMatchObject({ decision: 'deny', reason: 'no route: stage staging is not prod' });
  });
});
