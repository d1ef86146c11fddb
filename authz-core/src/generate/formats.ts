/** `generated/authorizer/permissions.json`: everything the Lambda authorizer needs, small and quick to load. */
export interface AuthorizerTable {
  readonly policyVersion: string;
  readonly mlflowVersion: string;
  readonly apiStageName: string;
  readonly authorizerCacheTtlSeconds: number;
  /** Cognito group → role; a group not listed grants nothing. */
  readonly cognitoGroups: Readonly<Record<string, string>>;
  /** Role → operation ids it may call (catalogue order). */
  readonly roles: Readonly<Record<string, readonly string[]>>;
}

/** `generated/iam/roles.json`: the per-role input of iam-generator. */
export interface IamRoleInputs {
  readonly policyVersion: string;
  readonly mlflowVersion: string;
  readonly apiStageName: string;
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly description: string;
        readonly operations: readonly string[];
        readonly sagemakerUserProfiles: readonly string[];
        readonly iamPrincipals: readonly string[];
      }
    >
  >;
}

/** `generated/manifest.json`: the policy version (hash of the inputs) and a hash of every file written. */
export interface Manifest {
  readonly policyVersion: string;
  readonly mlflowVersion: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, string>>;
}

/** Paths of the files `authz generate` writes, relative to the project root. */
export const GENERATED_FILES = {
  authorizerTable: 'generated/authorizer/permissions.json',
  iamInputs: 'generated/iam/roles.json',
  permissionsMd: 'generated/PERMISSIONS.md',
  jsonSchema: 'generated/permissions.schema.json',
  manifest: 'generated/manifest.json',
} as const;

/** Deterministic JSON: two-space indent, trailing newline; key order is the order the renderers build. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
