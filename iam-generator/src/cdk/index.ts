// The CDK surface of this package (`@mlflow-authz/iam/cdk`): what infra uses to attach the generated policies.
export { apiResourcePolicyGuardDocument, ownApiResourcePolicyGuard } from './api-resource-policy.js';
export { RoleExecuteApiPolicies, executeApiPolicyDocument } from './execute-api-policies.js';
export type { ExecuteApiStage, RoleExecuteApiPoliciesProps } from './execute-api-policies.js';
export { readGeneratedPolicies } from './generated-policies.js';
export type { GeneratedPolicies } from './generated-policies.js';
export { MalformedPathGuardPolicy, checkGuardDocument } from './malformed-path-guard-policy.js';
export type { MalformedPathGuardProps } from './malformed-path-guard-policy.js';
export type { PolicyDocumentJson } from '../policy-document.js';
export type { ResourcePolicyJson } from '../api-resource-policy.js';
export type { PolicyIndex } from '../generated-files.js';
