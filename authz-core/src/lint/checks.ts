import { UI_LOAD_CALLS } from '../catalogue/data/ui-load.js';
import type { Operation } from '../catalogue/types.js';
import { AREAS } from '../catalogue/types.js';
import type { PathKey } from '../permissions/diagnostics.js';
import type { CompiledPermissions, CompiledRole } from '../permissions/model.js';
import { parseSelector, selects } from '../permissions/selectors.js';
import { IAM_PATH_PREFIX } from '../patterns/surface.js';
import type { LintContext, LintWarning } from './warning.js';

/** The compiled file, the catalogue and the source context one check reads. */
export interface CheckInput {
  readonly permissions: CompiledPermissions;
  readonly catalogue: readonly Operation[];
  readonly context: LintContext;
}

type RoleCheck = (role: CompiledRole, input: CheckInput) => LintWarning[];

/** A Cognito-bound role must grant what the UI calls as it loads, or its users see a UI of error messages. */
export const uiUnloadable: RoleCheck = (role, { catalogue, context }) => {
  if (role.cognitoGroups.length === 0) return [];
  const missing = UI_LOAD_CALLS.filter((call) => !role.grantedBy.has(call.operation));
  if (missing.length === 0) return [];
  const lacks = missing.map((call) => `${call.operation} (${call.reason}${deniedNote(role, call.operation)})`).join('; ');
  const denies = ownDeniesOf(role, catalogue.filter((op) => missing.some((call) => call.operation === op.id)), catalogue, context);
  const fix = `add ${missing.map((c) => c.operation).join(', ')} to its grants${denies.length > 0 ? ` and narrow ${denies.join(', ')} so that it keeps them` : ''}`;
  return context.warn(role.name, 'ui-unloadable', `its Cognito users cannot load the MLflow UI, which needs ${lacks}: ${fix}`);
};

/**
 * Changing an area the role cannot read: it creates what it cannot read back, or deletes what it cannot see.
 * Only for roles someone holds directly: a role held only through includes is a building block.
 */
export const writeWithoutRead: RoleCheck = (role, { catalogue, context }) => {
  if (!isBound(role)) return [];
  const held = heldOperations(role, catalogue);
  return AREAS.flatMap((area) => {
    const inArea = held.filter((op) => op.area === area);
    const changes = inArea.filter((op) => op.access === 'write' || op.access === 'delete');
    if (changes.length === 0 || inArea.some((op) => op.access === 'read')) return [];
    if (!catalogue.some((op) => op.area === area && op.access === 'read')) return [];
    const verb = changes.some((op) => op.access === 'write') ? 'change' : 'delete in';
    const consequence = verb === 'change' ? 'its holders can change what they cannot read back' : 'its holders cannot see what they delete';
    const denies = ownDeniesOf(role, catalogue.filter((op) => op.area === area && op.access === 'read'), catalogue, context);
    const fix = denies.length > 0 ? `narrow ${denies.join(', ')} so that it keeps the reads it needs` : `grant "${area}:read" too, or the reads it needs`;
    return context.warn(
      role.name,
      'write-without-read',
      `can ${verb} ${area} (${sample(changes.map((op) => op.id))}) but read nothing in it: ${consequence}; ${fix}`,
      grantPath(role, changes[0] as Operation, context),
    );
  });
};

/** IAM principals bound to a role that allows nothing under /api/ get policies that allow nothing. */
export const sigv4Unreachable: RoleCheck = (role, { catalogue, context }) => {
  const bound = [
    ...role.sagemakerUserProfiles.map((p) => `SageMaker user profile ${p}`),
    ...role.iamPrincipals.map((p) => `IAM principal ${p}`),
  ];
  if (bound.length === 0) return [];
  const held = heldOperations(role, catalogue);
  if (held.some((op) => op.routes.some((r) => r.path.startsWith(IAM_PATH_PREFIX)))) return [];
  return context.warn(
    role.name,
    'sigv4-unreachable',
    `is bound to ${sample(bound)} (the SigV4 path) but none of its operations (${sample(held.map((op) => op.id))}) is served under ${IAM_PATH_PREFIX}, so its IAM policies allow nothing: grant operations the MLflow client calls (e.g. "experiments:read", "runs:write"), or bind it to Cognito groups instead`,
  );
};

/** A role nobody holds, directly or through another role's includes, does nothing. */
export const unbound: RoleCheck = (role, { permissions, context }) => {
  if (isBound(role) || permissions.roles.some((r) => r.includes.includes(role.name))) return [];
  return context.warn(
    role.name,
    'unbound',
    'is bound to nobody and no role includes it, so it gives nobody anything: add bindings (cognitoGroups, sagemakerUserProfiles or iamPrincipals), include it from a role that is bound, or remove it',
  );
};

/** A deny that removes nothing is a typo, a leftover, or meant for another role. */
export const unusedDeny: RoleCheck = (role, { catalogue, context }) => {
  const operationIds = new Set(catalogue.map((op) => op.id));
  const wouldHave = catalogue.filter((op) => role.grantedBy.has(op.id) || role.deniedBy.has(op.id));
  return (context.file.roles[role.name]?.deny ?? []).flatMap((text, i) => {
    const parsed = parseSelector(text, operationIds);
    if (!parsed.ok || wouldHave.some((op) => selects(parsed.selector, op))) return [];
    return context.warn(
      role.name,
      'unused-deny',
      `deny ${JSON.stringify(text)} removes nothing: neither its grants nor its includes give ${parsed.selector.kind === 'operation' ? text : 'anything it matches'}; remove the deny (a deny only narrows the role it is written in, never the roles that include it)`,
      ['roles', role.name, 'deny', i],
    );
  });
};

/** Every role check, in the order their warnings are listed for a role. */
export const ROLE_CHECKS: readonly RoleCheck[] = [uiUnloadable, writeWithoutRead, sigv4Unreachable, unbound, unusedDeny];

function isBound(role: CompiledRole): boolean {
  return role.cognitoGroups.length + role.sagemakerUserProfiles.length + role.iamPrincipals.length > 0;
}

function heldOperations(role: CompiledRole, catalogue: readonly Operation[]): Operation[] {
  return catalogue.filter((op) => role.grantedBy.has(op.id));
}

/** The role's own deny entries (`deny "X"`) that select any of `ops`: adding a grant for them would not stick. */
function ownDeniesOf(role: CompiledRole, ops: readonly Operation[], catalogue: readonly Operation[], context: LintContext): string[] {
  const ids = new Set(catalogue.map((op) => op.id));
  return (context.file.roles[role.name]?.deny ?? []).flatMap((text) => {
    const parsed = parseSelector(text, ids);
    return parsed.ok && ops.some((op) => selects(parsed.selector, op)) ? [`deny ${JSON.stringify(text)}`] : [];
  });
}

function deniedNote(role: CompiledRole, id: string): string {
  const deny = role.deniedBy.get(id);
  return deny === undefined ? '' : `; removed by ${deny}`;
}

/** The role's own grant entry that gave `op`, or the role's name when it was inherited. */
function grantPath(role: CompiledRole, op: Operation, context: LintContext): readonly PathKey[] {
  const why = role.grantedBy.get(op.id) ?? '';
  const grants = context.file.roles[role.name]?.grants ?? [];
  const index = grants.findIndex((text) => why === `grant ${JSON.stringify(text)}`);
  return index === -1 ? ['roles', role.name] : ['roles', role.name, 'grants', index];
}

function sample(items: readonly string[], shown = 3): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
