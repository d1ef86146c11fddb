import type { CompiledPermissions, CompiledRole } from '../permissions/model.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';

/** What changes between two compiled permission files, per role. */
export interface RoleChange {
  readonly role: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  readonly bindings: readonly string[];
}

/** Per role: operations gained and lost, and binding changes; unchanged roles are left out. */
export function diffPermissions(before: CompiledPermissions, after: CompiledPermissions): RoleChange[] {
  const names = [...new Set([...before.roles, ...after.roles].map((r) => r.name))].sort();
  const find = (p: CompiledPermissions, name: string) => p.roles.find((r) => r.name === name);
  return names.flatMap((name): RoleChange[] => {
    const [old, now] = [find(before, name), find(after, name)];
    const ops = (r: CompiledRole | undefined) => new Set(r?.operations ?? []);
    const [was, is] = [ops(old), ops(now)];
    const gained = [...is].filter((id) => !was.has(id));
    const lost = [...was].filter((id) => !is.has(id));
    const bindings = bindingChanges(old, now);
    const status = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    return status === 'changed' && gained.length + lost.length + bindings.length === 0
      ? []
      : [{ role: name, status, gained, lost, bindings }];
  });
}

function bindingChanges(old: CompiledRole | undefined, now: CompiledRole | undefined): string[] {
  const kinds = [
    ['cognitoGroups', 'Cognito group'],
    ['sagemakerUserProfiles', 'SageMaker user profile'],
    ['iamPrincipals', 'IAM principal'],
  ] as const;
  return kinds.flatMap(([key, label]) => {
    const [was, is] = [new Set(old?.[key] ?? []), new Set(now?.[key] ?? [])];
    return [
      ...[...is].filter((v) => !was.has(v)).map((v) => `+ ${label} ${v}`),
      ...[...was].filter((v) => !is.has(v)).map((v) => `- ${label} ${v}`),
    ];
  });
}

/** `authz diff OLD.yaml NEW.yaml`: the review aid for a permissions change; exit 0 when nothing changes, 1 otherwise. */
export async function diff(args: readonly string[], out: Output): Promise<number> {
  const flags = parseFlags(args, {});
  if (!flags.ok || flags.positional.length !== 2) {
    out.error('usage: authz diff OLD.yaml NEW.yaml');
    return 2;
  }
  const [oldFile, newFile] = flags.positional as [string, string];
  const [before, after] = [await loadPermissions(oldFile, out), await loadPermissions(newFile, out)];
  if (before === undefined || after === undefined) return 2;
  const changes = diffPermissions(before.permissions, after.permissions);
  if (changes.length === 0) {
    out.info('no changes in any role\'s operations or bindings');
    return 0;
  }
  for (const change of changes) {
    out.info(`role ${change.role} (${change.status}): +${change.gained.length} -${change.lost.length} operations`);
    for (const id of change.gained) out.info(`  + ${id}`);
    for (const id of change.lost) out.info(`  - ${id}`);
    for (const line of change.bindings) out.info(`  ${line}`);
  }
  return 1;
}
