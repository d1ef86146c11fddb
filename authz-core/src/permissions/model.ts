/** A role after compilation: its final rights and why each operation is in (or out of) them. */
export interface CompiledRole {
  readonly name: string;
  readonly description: string;
  /** Operation ids the role may call, in catalogue order. */
  readonly operations: readonly string[];
  /** For each granted operation, the grant that gave it: `grant "*:read"` or `includes readers: grant "*:read"`. */
  readonly grantedBy: ReadonlyMap<string, string>;
  /** For each operation a grant or include gave but a deny of this role removed: the deny. */
  readonly deniedBy: ReadonlyMap<string, string>;
  readonly includes: readonly string[];
  readonly cognitoGroups: readonly string[];
  readonly sagemakerUserProfiles: readonly string[];
  readonly iamPrincipals: readonly string[];
}

export interface CompiledSettings {
  readonly mlflowVersion: string;
  readonly apiStageName: string;
  readonly authorizerCacheTtlSeconds: number;
}

/** permissions.yaml compiled against the catalogue: what every enforcement point is generated from. */
export interface CompiledPermissions {
  readonly settings: CompiledSettings;
  /** Roles sorted by name. */
  readonly roles: readonly CompiledRole[];
  /** Cognito group → the one role bound to it. */
  readonly cognitoGroups: ReadonlyMap<string, string>;
}
