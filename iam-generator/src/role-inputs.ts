import type { IamRoleInputs } from '@mlflow-authz/core';

/** roles.json is missing, unreadable or not what authz-core plans. */
export class RoleInputsError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'RoleInputsError';
  }
}

// Role names become file names: keep them to what permissions.yaml allows and a file system takes as is.
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// API Gateway stage names: letters, digits, hyphens and underscores; never a wildcard.
const STAGE_NAME = /^[A-Za-z0-9_-]+$/;

/** Checks parsed `generated/iam/roles.json` against its format and the catalogue's operation ids. */
export function parseRoleInputs(file: string, value: unknown, operationIds: ReadonlySet<string>): IamRoleInputs {
  const fail = (detail: string): never => {
    throw new RoleInputsError(file, detail);
  };
  const record = (v: unknown, where: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(`${where} must be an object`);
  const text = (v: unknown, where: string): string => (typeof v === 'string' ? v : fail(`${where} must be a string`));
  const texts = (v: unknown, where: string): string[] => (Array.isArray(v) ? v.map((x, i) => text(x, `${where}[${i}]`)) : fail(`${where} must be a list`));

  const top = record(value, 'the file');
  const apiStageName = text(top.apiStageName, 'apiStageName');
  if (!STAGE_NAME.test(apiStageName)) fail(`apiStageName ${JSON.stringify(apiStageName)} is not a concrete API Gateway stage name`);
  const roles: IamRoleInputs['roles'][string][] = [];
  const names = Object.keys(record(top.roles, 'roles'));
  for (const name of names) {
    if (!ROLE_NAME.test(name)) fail(`role name ${JSON.stringify(name)} cannot name a policy file`);
    const role = record((top.roles as Record<string, unknown>)[name], `roles.${name}`);
    const operations = texts(role.operations, `roles.${name}.operations`);
    const unknown = operations.filter((op) => !operationIds.has(op));
    if (unknown.length > 0) fail(`roles.${name} grants operations the catalogue does not have: ${unknown.join(', ')}`);
    roles.push({
      description: text(role.description, `roles.${name}.description`),
      operations,
      sagemakerUserProfiles: texts(role.sagemakerUserProfiles, `roles.${name}.sagemakerUserProfiles`),
      iamPrincipals: texts(role.iamPrincipals, `roles.${name}.iamPrincipals`),
    });
  }
  return {
    policyVersion: text(top.policyVersion, 'policyVersion'),
    mlflowVersion: text(top.mlflowVersion, 'mlflowVersion'),
    apiStageName,
    roles: Object.fromEntries(names.map((n, i) => [n, roles[i] as IamRoleInputs['roles'][string]])),
  };
}
