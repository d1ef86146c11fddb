import { describe, expect, it } from 'vitest';
import type { OraclePolicy } from './iam-evaluator.js';
import { evaluate, matchesIamPattern } from './iam-evaluator.js';

describe('matchesIamPattern', () => {
  it.each([
    ['GET/api/*', 'GET/api/', true],
    ['GET/api/*', 'GET/api/a/b/c', true],
    ['GET/api/*', 'GET/api', false],
    ['GET/*/info', 'GET/a/b/c/info', true],
    ['GET/*/info', 'GET//info', true],
    ['GET/*/info', 'GET/info', false],
    ['GET/?', 'GET/a', true],
    ['GET/?', 'GET/', false],
    ['GET/?', 'GET/ab', false],
    ['GET/??', 'GET//x', true],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['*%2F*', 'x/a%2Fb', true],
    ['*%2F*', 'x/a%2fb', false],
    ['GET/api/a.b', 'GET/api/aXb', false],
    ['GET/(x)+[y]{1}|$^\\', 'GET/(x)+[y]{1}|$^\\', true],
    ['arn:aws:x:*:1/GET/a', 'arn:aws:x:us-east-1:1/GET/a', true],
    ['GET/API/*', 'GET/api/x', false],
    ['GET/é?', 'GET/éü', true],
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(matchesIamPattern(pattern, value)).toBe(expected);
  });
});

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod';
function policy(...statements: OraclePolicy['Statement'][]): OraclePolicy {
  return { Version: '2012-10-17', Statement: statements.flat() };
}

describe('evaluate', () => {
  const allowApi = policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${ARN}/GET/api/*` });
  const denyUsers = policy({ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [`${ARN}/GET/api/users/*`] });

  it('denies by default', () => {
    expect(evaluate([], 'execute-api:Invoke', `${ARN}/GET/api/x`)).toBe('implicit-deny');
    expect(evaluate([allowApi], 'execute-api:Invoke', `${ARN}/POST/api/x`)).toBe('implicit-deny');
  });

  it('allows what an Allow matches, for the action named (case-insensitively)', () => {
    expect(evaluate([allowApi], 'execute-api:Invoke', `${ARN}/GET/api/x`)).toBe('allow');
    expect(evaluate([allowApi], 'Execute-API:invoke', `${ARN}/GET/api/x`)).toBe('allow');
    expect(evaluate([allowApi], 'execute-api:ManageConnections', `${ARN}/GET/api/x`)).toBe('implicit-deny');
  });

  it('lets an explicit Deny in any policy win over any Allow', () => {
    expect(evaluate([allowApi, denyUsers], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toBe('explicit-deny');
    expect(evaluate([denyUsers, allowApi], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toBe('explicit-deny');
    expect(evaluate([denyUsers], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toBe('explicit-deny');
    expect(evaluate([allowApi, denyUsers], 'execute-api:Invoke', `${ARN}/GET/api/usersX`)).toBe('allow');
  });

  it('reads single statements and single strings as well as lists', () => {
    const single: OraclePolicy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['s3:*', 'execute-api:*'], Resource: `${ARN}/*` } };
    expect(evaluate([single], 'execute-api:Invoke', `${ARN}/DELETE/x`)).toBe('allow');
  });

  it('a wildcard in the stage spills into the path, as IAM does', () => {
    const spill = policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/public' });
    expect(evaluate([spill], 'execute-api:Invoke', `${ARN}/POST/x/GET/public`)).toBe('allow');
  });

  it('refuses to judge statements it does not understand', () => {
    const conditional = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] } as unknown as OraclePolicy;
    expect(() => evaluate([conditional], 'execute-api:Invoke', `${ARN}/GET/x`)).toThrow(/Condition/);
    const notResource = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', NotResource: '*' }] } as unknown as OraclePolicy;
    expect(() => evaluate([notResource], 'execute-api:Invoke', `${ARN}/GET/x`)).toThrow(/NotResource/);
  });

  it('checks every statement, also those after a matching Deny, in the same policy or a later one', () => {
    const deny = { Effect: 'Deny', Action: '*', Resource: '*' };
    const conditional = { Effect: 'Allow', Action: '*', Resource: '*', Condition: {} };
    const badEffect = { Effect: 'Permit', Action: '*', Resource: '*' };
    for (const later of [conditional, badEffect]) {
      const samePolicy = { Version: '2012-10-17', Statement: [deny, later] } as unknown as OraclePolicy;
      expect(() => evaluate([samePolicy], 'execute-api:Invoke', `${ARN}/GET/x`)).toThrow(/Condition|Effect/);
      const laterPolicy = { Version: '2012-10-17', Statement: [later] } as unknown as OraclePolicy;
      expect(() => evaluate([denyUsers, laterPolicy], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toThrow(/Condition|Effect/);
    }
  });
});
