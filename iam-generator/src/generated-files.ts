import type { IamRoleInputs } from '@mlflow-authz/core';
import { stableJson } from '@mlflow-authz/core';
import { PLACEHOLDERS } from './placeholders.js';
import type { RolePolicies } from './role-policies.js';
import { renderSizes } from './sizes-md.js';

/** The folder this stage owns entirely (stale files of removed roles are removed with it). */
export const POLICIES_DIR = 'generated/iam/policies';
/** The size report, beside the policies. */
export const SIZES_FILE = 'generated/iam/SIZES.md';
/** The input `authz generate` writes for this stage. */
export const ROLE_INPUTS_FILE = 'generated/iam/roles.json';

/** `generated/iam/policies/index.json`: which documents belong to which role, for tools and the CDK helper. */
export interface PolicyIndex {
  readonly policyVersion: string;
  readonly mlflowVersion: string;
  readonly apiStageName: string;
  readonly placeholders: readonly string[];
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly description: string;
        readonly documents: readonly string[];
        readonly sagemakerUserProfiles: readonly string[];
        readonly iamPrincipals: readonly string[];
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
          },
        ];
      }),
    ),
  };
  files.set(`${POLICIES_DIR}/index.json`, stableJson(index));
  for (const p of policies) p.documents.forEach((d, i) => files.set(`${POLICIES_DIR}/${documentFile(p.role, i + 1)}`, stableJson(d)));
  files.set(SIZES_FILE, renderSizes(inputs, policies));
  return files;
}
