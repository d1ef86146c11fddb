import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from './policy.js';
import { evaluatePolicies, readPolicyDocument, UnsupportedPolicyError } from './policy.js';

const ARN = 'arn:aws:execute-api:us-east-1:000000000000:local/prod';
const allowApi: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${ARN}/GET/api/*`] }] };
const denyUsers: PolicyDocument = { Statement: { Effect: 'Deny', Action: 'execute-api:*', Resource: `${ARN}/GET/api/users/*` } };

describe('evaluatePolicies', () => {
  it('denies by default, allows what an Allow matches', () => {
    expect(evaluatePolicies([], 'execute-api:Invoke', `${ARN}/GET/api/x`)).toBe('implicit-deny');
    expect(evaluatePolicies([allowApi], 'execute-api:Invoke', `${ARN}/GET/api/x`)).toBe('allow');
    expect(evaluatePolicies([allowApi], 'execute-api:Invoke', `${ARN}/POST/api/x`)).toBe('implicit-deny');
  });

  it('matches the action case-insensitively and only the action named', () => {
    expect(evaluatePolicies([allowApi], 'Execute-Api:invoke', `${ARN}/GET/api/x`)).toBe('allow');
    expect(evaluatePolicies([allowApi], 'execute-api:ManageConnections', `${ARN}/GET/api/x`)).toBe('implicit-deny');
  });

  it('lets an explicit Deny in any document win, whatever the order', () => {
    expect(evaluatePolicies([allowApi, denyUsers], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toBe('explicit-deny');
    expect(evaluatePolicies([denyUsers, allowApi], 'execute-api:Invoke', `${ARN}/GET/api/users/1`)).toBe('explicit-deny');
    expect(evaluatePolicies([allowApi, denyUsers], 'execute-api:Invoke', `${ARN}/GET/api/usersX`)).toBe('allow');
  });

  it('a wildcard in the stage spills into the path, as in IAM', () => {
    const spill: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:execute-api:us-east-1:000000000000:local/*/GET/x' }] };
    expect(evaluatePolicies([spill], 'execute-api:Invoke', `${ARN}/POST/a/GET/x`)).toBe('allow');
  });
});

describe('readPolicyDocument', () => {
  it('accepts the generated shape', () => {
    expect(readPolicyDocument(allowApi)).toBe(allowApi);
    expect(readPolicyDocument({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: ['x'] }] })).toBeTruthy();
  });

  it.each([
    [null, /not an object/],
    [{}, /no Statement/],
    [{ Statement: [] }, /no Statement/],
    [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] }, /Condition/],
    [{ Statement: [{ Effect: 'Deny', Action: '*', NotResource: '*' }] }, /NotResource/],
    [{ Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }, /Effect/],
    [{ Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, /Action/],
    [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: 3 }] }, /Resource/],
  ])('refuses %j', (doc, message) => {
    expect(() => readPolicyDocument(doc)).toThrow(UnsupportedPolicyError);
    expect(() => readPolicyDocument(doc)).toThrow(message);
  });
});
