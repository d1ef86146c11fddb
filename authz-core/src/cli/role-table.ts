import { CATALOGUE } from '../catalogue/catalogue.js';
import { Decider } from '../permissions/decide.js';
import type { RoleTable } from '../permissions/decide.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { Router } from '../router/router.js';

/** A Decider over compiled permissions that keeps each grant's origin, for human-facing reasons. */
export function deciderFor(permissions: CompiledPermissions): Decider {
  const table: RoleTable = new Map(permissions.roles.map((role) => [role.name, role.grantedBy]));
  return new Decider(new Router(CATALOGUE), table);
}
