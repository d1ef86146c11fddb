import { MALFORMED_PATH_DENIES } from '@mlflow-authz/core';
import { describe, expect, it } from 'vitest';
import { apiResourcePolicyGuard } from './api-resource-policy.js';
import { guardDocument } from './malformed-path-guard.js';
import { stageArnPrefix } from './placeholders.js';
import { API_RESOURCE_POLICY_CHARS, IAM_LIMITS, arnChars, policyChars } from './policy-size.js';

describe('the malformed-path guard', () => {
  it('denies every malformed-path pattern on the stage, as a managed policy and as a resource policy for every caller', () => {
    const resources = MALFORMED_PATH_DENIES.map((pattern) => `${stageArnPrefix('prod')}${pattern}`);
    expect(guardDocument('prod').Statement).toEqual([{ Sid: 'DenyMalformedPaths', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: resources }]);
    expect(apiResourcePolicyGuard('prod').Statement).toEqual([{ Sid: 'DenyMalformedPaths', Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: resources }]);
  });

  it('fits its quotas even with the longest stage name API Gateway takes (128 characters)', () => {
    const stage = 's'.repeat(128);
    expect(policyChars(guardDocument(stage))).toBeLessThanOrEqual(IAM_LIMITS.managedPolicyChars);
    expect(policyChars(apiResourcePolicyGuard(stage))).toBeLessThanOrEqual(API_RESOURCE_POLICY_CHARS);
    for (const arn of guardDocument(stage).Statement.flatMap((s) => s.Resource)) expect(arnChars(arn)).toBeLessThanOrEqual(IAM_LIMITS.arnChars);
  });
});
