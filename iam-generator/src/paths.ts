// Where this stage writes, relative to the project root.

/** The folder this stage owns entirely (stale files of removed roles are removed with it). */
export const POLICIES_DIR = 'generated/iam/policies';
/**
 * The shared malformed-path guard in the policies folder. Role names start with a letter or digit, so no
 * role's document can take this name.
 */
export const GUARD_FILE = '_malformed-path-guard.json';
/** The same guard as an API Gateway resource policy, beside the policies (it is no identity policy). */
export const RESOURCE_POLICY_FILE = 'generated/iam/api-resource-policy-guard.json';
/** The size report, beside the policies. */
export const SIZES_FILE = 'generated/iam/SIZES.md';
/** The input authz-core plans for this stage. */
export const ROLE_INPUTS_FILE = 'generated/iam/roles.json';
