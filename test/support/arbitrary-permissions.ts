import fc from 'fast-check';
import { stringify } from 'yaml';
import { ACCESS_LEVELS, AREAS, CATALOGUE, MLFLOW_VERSION } from '@mlflow-authz/core';
import { selectedOperations } from '../reference/selectors.js';

/** A role as the generator writes it into permissions.yaml. */
export interface GeneratedRole {
  readonly description: string;
  readonly includes: string[];
  readonly grants: string[];
  readonly deny: string[];
  readonly bindings: { cognitoGroups: string[]; sagemakerUserProfiles: string[]; iamPrincipals: string[] };
}

/** A generated permissions file: the object and its YAML text. */
export interface GeneratedPermissions {
  readonly roles: Readonly<Record<string, GeneratedRole>>;
  readonly yaml: string;
}

/** Any selector permissions.yaml accepts: `*`, `area:access` with wildcards, or an operation id. */
export const arbitrarySelector: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...AREAS, '*'), fc.constantFrom(...ACCESS_LEVELS, '*')).map(([a, l]) => `${a}:${l}`) },
  { weight: 8, arbitrary: fc.constantFrom(...CATALOGUE.map((op) => op.id)) },
);

/**
 * Random permissions files with 1–5 roles: each role includes only earlier roles (no cycles), binds its own
 * Cognito group, SageMaker profile and IAM role; denies name operations the role's own grants give. A few are
 * invalid (a deny the role's includes already removed… a role left with nothing); properties that need a valid
 * file skip those.
 */
export const arbitraryPermissions: fc.Arbitrary<GeneratedPermissions> = fc
  .integer({ min: 1, max: 5 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, i) =>
        fc
          .record({
            includes: fc.subarray(Array.from({ length: i }, (_, j) => `role-${j}`)),
            grants: fc.array(arbitrarySelector, { minLength: 1, maxLength: 5 }),
          })
          // Denies are drawn from what the role's own grants give, so that most files are valid.
          .chain((role) =>
            {
              const candidates = granted(role.grants);
              return fc.subarray(candidates, { maxLength: Math.min(2, candidates.length) }).map((deny) => ({ ...role, deny }));
            },
          ),
      ),
    ),
  )
  .map((specs) => {
    const roles: Record<string, GeneratedRole> = {};
    specs.forEach((spec, i) => {
      roles[`role-${i}`] = {
        description: `generated role ${i}`,
        ...spec,
        bindings: { cognitoGroups: [`group-${i}`], sagemakerUserProfiles: [`profile-${i}`], iamPrincipals: [`iam-role-${i}`] },
      };
    });
    return { roles, yaml: permissionsYaml(roles) };
  });

// A deny of a public operation is an error, and no role has them anyway.
function granted(grants: readonly string[]): string[] {
  return [...selectedOperations(grants, CATALOGUE)];
}

/** permissions.yaml text for these roles, with the default settings. */
export function permissionsYaml(roles: Readonly<Record<string, GeneratedRole>>): string {
  return stringify({
    version: 1,
    settings: { mlflowVersion: MLFLOW_VERSION, apiStageName: 'prod', authorizerCacheTtlSeconds: 300 },
    roles,
  });
}
