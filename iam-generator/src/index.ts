// The public API of @mlflow-authz/iam: the `iam` stage of npm run generate and what reads its files back. The CDK
// constructs are `@mlflow-authz/iam/cdk` (they load aws-cdk-lib); the worker-thread runner is
// `@mlflow-authz/iam/pattern-parts` (with `@mlflow-authz/iam/pattern-worker`, the thread's module).
export { iamStage } from './stage.js';
export { GUARD_FILE, POLICIES_DIR, RESOURCE_POLICY_FILE, ROLE_INPUTS_FILE, SIZES_FILE } from './paths.js';
export type { PolicyIndex } from './generated-files.js';
export { readGeneratedPolicies } from './cdk/generated-policies.js';
export type { GeneratedPolicies } from './cdk/generated-policies.js';
export type { PolicyDocumentJson } from './policy-document.js';
export type { ResourcePolicyJson } from './api-resource-policy.js';
export { API_RESOURCE_POLICY_CHARS, IAM_LIMITS, MAX_DOCUMENTS_PER_ROLE, policyChars } from './policy-size.js';
export { PLACEHOLDERS } from './placeholders.js';
export type { PlaceholderValues } from './placeholders.js';
