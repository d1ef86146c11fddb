import { CATALOGUE } from '../catalogue/catalogue.js';
import type { Area } from '../catalogue/types.js';
import { AREAS } from '../catalogue/types.js';
import type { CompiledPermissions, CompiledRole } from '../permissions/model.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';
import { commandUsage, DIFF_HELP, flagSpec } from './usage.js';

/** One operation a role gained or lost, and why: the grant, deny or include behind it. */
export interface OperationChange {
  readonly id: string;
  readonly area: Area;
  readonly sign: '+' | '-';
  readonly why: string;
}

/**
 * Operations that came or went through one included role: because the role now includes it, no longer does,
 * includes it from the start (a new role), or because the included role's own rights changed (inherited).
 */
export interface IncludeChange {
  readonly role: string;
  readonly kind: 'now-includes' | 'no-longer-includes' | 'includes' | 'inherited';
  readonly changes: readonly OperationChange[];
}

/** What changes between two compiled permission files for one role. */
export interface RoleChange {
  readonly role: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Changes the role's own grants and denies cause. */
  readonly own: readonly OperationChange[];
  /** Changes through included roles: the role's own include edits first, then those inherited. */
  readonly through: readonly IncludeChange[];
  readonly bindings: readonly string[];
}

const AREA_ORDER = new Map(AREAS.map((a, i) => [a, i]));
const BY_ID = new Map(CATALOGUE.map((op) => [op.id, op]));
const KIND_ORDER = ['now-includes', 'no-longer-includes', 'includes', 'inherited'] as const;

/** Per role: operations gained and lost, grouped by cause, and binding changes; unchanged roles are left out. */
export function diffPermissions(before: CompiledPermissions, after: CompiledPermissions): RoleChange[] {
  const names = [...new Set([...before.roles, ...after.roles].map((r) => r.name))].sort();
  const find = (p: CompiledPermissions, name: string) => p.roles.find((r) => r.name === name);
  return names.flatMap((name): RoleChange[] => {
    const [old, now] = [find(before, name), find(after, name)];
    const own: OperationChange[] = [];
    const through = new Map<string, IncludeChange & { changes: OperationChange[] }>();
    const add = (change: OperationChange, cause: Cause) => {
      if (cause.kind === 'own') return void own.push(change);
      const key = `${cause.kind} ${cause.role}`;
      const group = through.get(key) ?? { role: cause.role, kind: cause.kind, changes: [] };
      group.changes.push(change);
      through.set(key, group);
    };
    for (const id of now?.operations ?? []) {
      if (old?.grantedBy.has(id)) continue;
      const why = now?.grantedBy.get(id) ?? '';
      add(change(id, '+', why), gainCause(id, why, old));
    }
    for (const id of old?.operations ?? []) {
      if (now?.grantedBy.has(id)) continue;
      const deny = now?.deniedBy.get(id);
      const why = old?.grantedBy.get(id) ?? '';
      add(change(id, '-', deny ?? `was: ${why}`), deny !== undefined || now === undefined ? { kind: 'own' } : lossCause(why, now));
    }
    const bindings = bindingChanges(old, now);
    const status = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    if (status === 'changed' && own.length + through.size + bindings.length === 0) return [];
    const groups = [...through.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.role < b.role ? -1 : 1));
    return [{ role: name, status, own: sorted(own), through: groups.map((g) => ({ ...g, changes: sorted(g.changes) })), bindings }];
  });
}

type Cause = { readonly kind: 'own' } | { readonly kind: IncludeChange['kind']; readonly role: string };

function change(id: string, sign: '+' | '-', why: string): OperationChange {
  return { id, area: BY_ID.get(id)?.area as Area, sign, why };
}

/** A gain through an include is inherited only if the role included it before and did not deny the operation then. */
function gainCause(id: string, why: string, old: CompiledRole | undefined): Cause {
  const via = includedVia(why);
  if (via === undefined) return { kind: 'own' };
  if (old === undefined) return { kind: 'includes', role: via };
  if (!old.includes.includes(via)) return { kind: 'now-includes', role: via };
  return old.deniedBy.has(id) ? { kind: 'own' } : { kind: 'inherited', role: via };
}

/** A loss (not by a new deny) through an include: the include was dropped, or the included role lost it. */
function lossCause(why: string, now: CompiledRole): Cause {
  const via = includedVia(why);
  if (via === undefined) return { kind: 'own' };
  return now.includes.includes(via) ? { kind: 'inherited', role: via } : { kind: 'no-longer-includes', role: via };
}

function includedVia(why: string): string | undefined {
  return /^includes ([^:]+): /.exec(why)?.[1];
}

function sorted(changes: readonly OperationChange[]): OperationChange[] {
  return [...changes].sort((a, b) => (AREA_ORDER.get(a.area) ?? 0) - (AREA_ORDER.get(b.area) ?? 0) || (a.sign === b.sign ? 0 : a.sign === '+' ? -1 : 1));
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

const THROUGH_LABEL: Readonly<Record<IncludeChange['kind'], string>> = {
  'now-includes': 'now includes',
  'no-longer-includes': 'no longer includes',
  includes: 'includes',
  inherited: 'inherited from',
};

/**
 * The lines `authz diff` prints for one role: its own grant and deny changes one per line, by area; what came
 * through included roles as one line per area. `detailed` holds the roles whose own changes are printed, so that
 * an inheritance from one of them is summed up instead of repeated.
 */
export function renderRoleChange(change: RoleChange, detailed: ReadonlySet<string>): string[] {
  const all = [...change.own, ...change.through.flatMap((t) => t.changes)];
  const lines = [`role ${change.role} (${change.status}): ${counts(all)} operations`];
  if (change.own.length > 0) {
    lines.push('  own grants and denies:');
    for (const [area, items] of byArea(change.own)) {
      lines.push(`    ${area}:`);
      const byCause = new Map<string, OperationChange[]>();
      for (const c of items) byCause.set(`${c.sign} ${c.why}`, [...(byCause.get(`${c.sign} ${c.why}`) ?? []), c]);
      for (const same of byCause.values()) {
        const { sign, why } = same[0] as OperationChange;
        lines.push(`      ${sign} ${same.map((c) => c.id).join(', ')}  (${why})`);
      }
    }
  }
  for (const group of change.through) {
    const summed = group.kind === 'inherited' && detailed.has(group.role);
    const where = summed ? ` (listed under role ${group.role})` : '';
    lines.push(`  ${THROUGH_LABEL[group.kind]} ${group.role}${where}: ${counts(group.changes)}`);
    for (const [area, items] of byArea(group.changes)) {
      const part = (sign: '+' | '-') => items.filter((c) => c.sign === sign).map((c) => c.id);
      const shown = ([['+', part('+')], ['-', part('-')]] as const).filter(([, ids]) => ids.length > 0);
      lines.push(`    ${area}: ${shown.map(([sign, ids]) => (summed ? `${sign}${ids.length}` : `${sign} ${ids.join(', ')}`)).join('; ')}`);
    }
  }
  if (change.bindings.length > 0) lines.push('  bindings:', ...change.bindings.map((b) => `    ${b}`));
  return lines;
}

function counts(changes: readonly OperationChange[]): string {
  return `+${changes.filter((c) => c.sign === '+').length} -${changes.filter((c) => c.sign === '-').length}`;
}

function byArea(changes: readonly OperationChange[]): [Area, OperationChange[]][] {
  const groups = new Map<Area, OperationChange[]>();
  for (const c of changes) groups.set(c.area, [...(groups.get(c.area) ?? []), c]);
  return [...groups];
}

/** `authz diff OLD.yaml NEW.yaml`: the review aid for a permissions change; exit 0 when nothing changes, 1 otherwise. */
export async function diff(args: readonly string[], out: Output): Promise<number> {
  const flags = parseFlags(args, flagSpec(DIFF_HELP));
  if (!flags.ok || flags.positional.length !== 2) {
    out.error(`${flags.error ?? 'give two permission files: OLD.yaml NEW.yaml'}\n${commandUsage(DIFF_HELP)}`);
    return 2;
  }
  const [oldFile, newFile] = flags.positional as [string, string];
  const [before, after] = [await loadPermissions(oldFile, out), await loadPermissions(newFile, out)];
  if (before === undefined || after === undefined) return 2;
  const changes = diffPermissions(before.permissions, after.permissions);
  if (changes.length === 0) {
    out.info("no changes in any role's operations or bindings");
    return 0;
  }
  const detailed = new Set(changes.filter((c) => c.own.length + c.through.length > 0).map((c) => c.role));
  for (const change of changes) for (const line of renderRoleChange(change, detailed)) out.info(line);
  return 1;
}
