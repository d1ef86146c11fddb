import type { IamRoleInputs, SigV4Exception } from '@mlflow-authz/core';
import { stableJson } from '@mlflow-authz/core';
import { apiResourcePolicyGuard } from './api-resource-policy.js';
import { guardDocument } from './malformed-path-guard.js';
import { GUARD_FILE, POLICIES_DIR, RESOURCE_POLICY_FILE, SIZES_FILE } from './paths.js';
import { PLACEHOLDERS } from './placeholders.js';
import type { RolePolicies } from './role-policies.js';
import { renderSizes } from './sizes-md.js';

export { GUARD_FILE, POLICIES_DIR, RESOURCE_POLICY_FILE, ROLE_INPUTS_FILE, SIZES_FILE } from './paths.js';

/** `generated/iam/policies/index.json`: which documents belong to which role, for tools and the CDK helper. */
export interface PolicyIndex extends Pick<IamRoleInputs, 'policyVersion' | 'mlflowVersion' | 'apiStageName'> {
  readonly placeholders: readonly string[];
  /** Documents every role requires besides its own (the malformed-path guard): attach them to every principal. */
  readonly sharedDocuments: readonly string[];
  readonly roles: Readonly<
    Record<
      string,
      Omit<IamRoleInputs['roles'][string], 'operations'> & {
        /** The role's own documents, possibly none; never attached without `sharedDocuments`. */
        readonly documents: readonly string[];
        /** Requests the role may call that these documents deny (IAM globs cannot be exact there); see PERMISSIONS.md. */
        readonly sigv4Exceptions: readonly Omit<SigV4Exception, 'role'>[];
      }
    >
  >;
}

/** The file name of a role's `n`-th document (1-based). */
export function documentFile(role: string, n: number): string {
  return `${role}.${n}.json`;
}

/** Every file this stage writes, by path relative to the project root, with its content. */
export function planFiles(inputs: IamRoleInputs, policies: readonly RolePolicies[]): Map<string, string> {
  const files = new Map<string, string>();
  const index: PolicyIndex = {
    policyVersion: inputs.policyVersion,
    mlflowVersion: inputs.mlflowVersion,
    apiStageName: inputs.apiStageName,
    placeholders: PLACEHOLDERS.map((p) => `\${${p}}`),
    sharedDocuments: [GUARD_FILE],
    roles: Object.fromEntries(
      policies.map((p) => {
        const role = inputs.roles[p.role] as IamRoleInputs['roles'][string];
        return [
          p.role,
          {
            description: role.description,
            documents: p.documents.map((_, i) => documentFile(p.role, i + 1)),
            sagemakerUserProfiles: role.sagemakerUserProfiles,
            iamPrincipals: role.iamPrincipals,
            sigv4Exceptions: p.sigv4Exceptions.map(({ role: _role, ...exception }) => exception),
          },
        ];
      }),
    ),
  };
  const guard = guardDocument(inputs.apiStageName);
  const resourcePolicy = apiResourcePolicyGuard(inputs.apiStageName);
  files.set(`${POLICIES_DIR}/index.json`, stableJson(index));
  files.set(`${POLICIES_DIR}/${GUARD_FILE}`, stableJson(guard));
  for (const p of policies) p.documents.forEach((d, i) => files.set(`${POLICIES_DIR}/${documentFile(p.role, i + 1)}`, stableJson(d)));
  files.set(RESOURCE_POLICY_FILE, stableJson(resourcePolicy));
  files.set(SIZES_FILE, renderSizes(inputs, policies, { guard, resourcePolicy }));
  return files;
}
