import { CATALOGUE } from '../catalogue/catalogue.js';
import { suggestion } from '../permissions/suggest.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';
import { commandUsage, flagSpec, WHO_CAN_HELP } from './usage.js';

/** `authz who-can OPERATION`: the roles that may call an operation, why, and who holds those roles. */
export async function whoCan(args: readonly string[], out: Output): Promise<number> {
  const flags = parseFlags(args, flagSpec(WHO_CAN_HELP));
  if (!flags.ok || flags.positional.length !== 1) {
    out.error(`${flags.error ?? 'give one operation id'}\n${commandUsage(WHO_CAN_HELP)}`);
    return 2;
  }
  const id = flags.positional[0] as string;
  const operation = CATALOGUE.find((op) => op.id === id);
  if (operation === undefined) {
    out.error(`unknown operation ${JSON.stringify(id)}${suggestion(id, CATALOGUE.map((op) => op.id))}`);
    return 2;
  }
  const loaded = await loadPermissions(flags.strings.file ?? 'permissions.yaml', out);
  if (loaded === undefined) return 1;
  out.info(`${operation.id} (${operation.area}, ${operation.access}): ${operation.summary}`);
  for (const route of operation.routes) out.info(`  ${route.method} ${route.path}`);
  const holders = loaded.permissions.roles.filter((role) => role.grantedBy.has(id));
  if (holders.length === 0) out.info('no role may call it');
  for (const role of holders) {
    out.info(`role ${role.name}: ${role.grantedBy.get(id)}`);
    const bound = [
      ...role.cognitoGroups.map((g) => `Cognito group ${g}`),
      ...role.sagemakerUserProfiles.map((p) => `SageMaker user profile ${p}`),
      ...role.iamPrincipals.map((p) => `IAM principal ${p}`),
    ];
    out.info(`  held by: ${bound.length === 0 ? '(nobody is bound to this role)' : bound.join(', ')}`);
  }
  for (const role of loaded.permissions.roles.filter((r) => r.deniedBy.has(id))) {
    out.info(`role ${role.name} would have it but: ${role.deniedBy.get(id)}`);
  }
  return 0;
}
