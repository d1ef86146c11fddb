import { createHash } from 'node:crypto';
import type { Operation } from '../catalogue/types.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { editorJsonSchema } from '../permissions/schema.js';
import type { AuthorizerTable, IamRoleInputs, Manifest, SigV4Exception } from './formats.js';
import { GENERATED_FILES, stableJson } from './formats.js';
import { renderPermissionsMd } from './permissions-md.js';

/** SHA-256 of a text, in hex (the hash manifest.json records). */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** The policy version: a short hash of permissions.yaml and of the catalogue it was compiled against. */
export function policyVersion(permissionsSource: string, catalogue: readonly Operation[]): string {
  return sha256(`${sha256(permissionsSource)}\n${sha256(JSON.stringify(catalogue))}`).slice(0, 16);
}

/**
 * The inputs of the downstream stages (the authorizer table and the IAM generator's role inputs), path →
 * content; a pure function of its inputs. The stages read them from this map, as they would from generated/.
 */
export function planStageInputs(permissions: CompiledPermissions, permissionsSource: string, catalogue: readonly Operation[]): Map<string, string> {
  const version = policyVersion(permissionsSource, catalogue);
  const { settings } = permissions;
  const authorizer: AuthorizerTable = {
    policyVersion: version,
    mlflowVersion: settings.mlflowVersion,
    apiStageName: settings.apiStageName,
    authorizerCacheTtlSeconds: settings.authorizerCacheTtlSeconds,
    cognitoGroups: Object.fromEntries(permissions.cognitoGroups),
    roles: Object.fromEntries(permissions.roles.map((role) => [role.name, role.operations])),
  };
  const iam: IamRoleInputs = {
    policyVersion: version,
    mlflowVersion: settings.mlflowVersion,
    apiStageName: settings.apiStageName,
    roles: Object.fromEntries(
      permissions.roles.map((role) => [
        role.name,
        {
          description: role.description,
          operations: role.operations,
          sagemakerUserProfiles: role.sagemakerUserProfiles,
          iamPrincipals: role.iamPrincipals,
        },
      ]),
    ),
  };
  return new Map([
    [GENERATED_FILES.authorizerTable, stableJson(authorizer)],
    [GENERATED_FILES.iamInputs, stableJson(iam)],
  ]);
}

/** The files for human review and editors: PERMISSIONS.md (with the SigV4 exceptions the stages declared) and the JSON Schema. */
export function planReviewFiles(
  permissions: CompiledPermissions,
  permissionsSource: string,
  catalogue: readonly Operation[],
  sigv4Exceptions: readonly SigV4Exception[],
): Map<string, string> {
  return new Map([
    [GENERATED_FILES.permissionsMd, renderPermissionsMd(permissions, catalogue, policyVersion(permissionsSource, catalogue), sigv4Exceptions)],
    [GENERATED_FILES.jsonSchema, stableJson(editorJsonSchema(catalogue))],
  ]);
}

/** What manifest.json records besides the files: the inputs and the generator. */
export interface ManifestInputs {
  readonly permissionsSource: string;
  readonly catalogue: readonly Operation[];
  readonly mlflowVersion: string;
  readonly generator: Manifest['generator'];
}

/** manifest.json for `files` (every other file of generated/), keys sorted so that re-runs are byte-identical. */
export function renderManifest(inputs: ManifestInputs, files: ReadonlyMap<string, string>): string {
  const sorted = <T>(record: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const manifest: Manifest = {
    policyVersion: policyVersion(inputs.permissionsSource, inputs.catalogue),
    mlflowVersion: inputs.mlflowVersion,
    inputs: { 'permissions.yaml': sha256(inputs.permissionsSource), catalogue: sha256(JSON.stringify(inputs.catalogue)) },
    generator: { sources: sorted(inputs.generator.sources), packages: sorted(inputs.generator.packages) },
    files: sorted(Object.fromEntries([...files].map(([path, content]) => [path, sha256(content)]))),
  };
  return stableJson(manifest);
}
