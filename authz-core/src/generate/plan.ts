import { createHash } from 'node:crypto';
import type { Operation } from '../catalogue/types.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { editorJsonSchema } from '../permissions/schema.js';
import type { AuthorizerTable, IamRoleInputs, Manifest } from './formats.js';
import { GENERATED_FILES, stableJson } from './formats.js';
import { renderPermissionsMd } from './permissions-md.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The policy version: a short hash of permissions.yaml and of the catalogue it was compiled against. */
export function policyVersion(permissionsSource: string, catalogue: readonly Operation[]): string {
  return sha256(`${sha256(permissionsSource)}\n${sha256(JSON.stringify(catalogue))}`).slice(0, 16);
}

/** Every file `authz generate` writes, path → content; a pure function of its inputs (byte-identical re-runs). */
export function planGeneratedFiles(
  permissions: CompiledPermissions,
  permissionsSource: string,
  catalogue: readonly Operation[],
): Map<string, string> {
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
  const files = new Map<string, string>([
    [GENERATED_FILES.authorizerTable, stableJson(authorizer)],
    [GENERATED_FILES.iamInputs, stableJson(iam)],
    [GENERATED_FILES.permissionsMd, renderPermissionsMd(permissions, catalogue, version)],
    [GENERATED_FILES.jsonSchema, stableJson(editorJsonSchema(catalogue))],
  ]);
  const manifest: Manifest = {
    policyVersion: version,
    mlflowVersion: settings.mlflowVersion,
    inputs: { 'permissions.yaml': sha256(permissionsSource), catalogue: sha256(JSON.stringify(catalogue)) },
    files: Object.fromEntries([...files].map(([path, content]) => [path, sha256(content)])),
  };
  files.set(GENERATED_FILES.manifest, stableJson(manifest));
  return files;
}
