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

/**
 * `generated/manifest.json`: the policy version, and the SHA-256 of everything generated/ was made from and of
 * every file in it, so that `npm run generate -- --check` can tell whether generated/ is current by hashing
 * files, without compiling or proving anything again.
 */
export interface Manifest {
  readonly policyVersion: string;
  readonly mlflowVersion: string;
  /** `permissions.yaml` (whichever file was compiled) and the catalogue (its JSON), by SHA-256. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The generator: every source file the generate pipeline loads (path from the project root → SHA-256) and the versions of the packages it loads. */
  readonly generator: {
    readonly sources: Readonly<Record<string, string>>;
    readonly packages: Readonly<Record<string, string>>;
  };
  /** Every other file under generated/ (path from the project root → SHA-256); generated/ holds nothing else. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A request class the IAM policies of a role deny although the role may call it: IAM's globs cannot deny an
 * operation the role lacks without it (fail closed). The browser path decides these requests exactly.
 */
export interface SigV4Exception {
  readonly role: string;
  /** The granted operation that loses the requests. */
  readonly operation: string;
  /** The deny resource pattern (`METHOD/path-glob`, after `…/{stage}/`) that takes them away. */
  readonly resource: string;
  /** One lost request: `METHOD /path`. */
  readonly example: string;
  /** The lost class in words, e.g. `DeleteDatasetTag with key "records"`. */
  readonly lostClass: string;
  /** The operation the role lacks that the deny keeps out. */
  readonly protects: string;
}

/** Paths of the files authz-core plans for generated/ (and the manifest), relative to the project root. */
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
