import type { Area, Operation } from '../catalogue/types.js';
import { AREAS } from '../catalogue/types.js';
import type { CompiledPermissions } from '../permissions/model.js';

/** Per area: how many operations it has and how many of them each role may call (roles in model order). */
export interface AreaCounts {
  readonly area: Area | 'total';
  readonly operations: number;
  readonly perRole: readonly number[];
}

/** Operations per area and how many of them each role may call (public operations included), plus a total row. */
export function roleAreaCounts(permissions: CompiledPermissions, catalogue: readonly Operation[]): AreaCounts[] {
  const held = permissions.roles.map((role) => new Set(role.operations));
  const row = (area: Area | 'total', ops: readonly Operation[]): AreaCounts => ({
    area,
    operations: ops.length,
    perRole: held.map((set) => ops.filter((op) => op.public === true || set.has(op.id)).length),
  });
  return [...AREAS.map((area) => row(area, catalogue.filter((op) => op.area === area))), row('total', catalogue)];
}

/** The counts as a plain-text table for the terminal. */
export function renderCountsText(permissions: CompiledPermissions, catalogue: readonly Operation[]): string {
  const names = permissions.roles.map((r) => r.name);
  const header = ['area', ...names];
  const rows = roleAreaCounts(permissions, catalogue).map((c) => [c.area, ...c.perRole.map((n) => `${n}/${c.operations}`)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
