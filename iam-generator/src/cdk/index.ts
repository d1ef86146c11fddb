// The CDK surface of @mlflow-authz/iam (`import … from '@mlflow-authz/iam/cdk'`), as iam-generator/README.md describes it.
export { RoleExecuteApiPolicies, executeApiPolicyDocument } from './execute-api-policies.js';
export type { ExecuteApiStage, RoleExecuteApiPoliciesProps } from './execute-api-policies.js';
export { apiResourcePolicyGuardDocument, ownApiResourcePolicyGuard } from './api-resource-policy.js';
export { readGeneratedPolicies } from './generated-policies.js';
export type { GeneratedPolicies } from './generated-policies.js';
export type { PolicyDocumentJson } from '../policy-document.js';
export type { ResourcePolicyJson } from '../api-resource-policy.js';
export type { PolicyIndex } from '../generated-files.js';
