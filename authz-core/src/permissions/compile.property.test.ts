import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryPermissions, arbitrarySelector, permissionsYaml } from '@mlflow-authz/test/support';
import type { GeneratedPermissions } from '@mlflow-authz/test/support';
import { selects } from '@mlflow-authz/test/reference';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { diffPermissions } from '../cli/diff.js';
import { GENERATED_FILES } from '../generate/formats.js';
import type { AuthorizerTable, IamRoleInputs } from '../generate/formats.js';
import { planReviewFiles, planStageInputs } from '../generate/plan.js';
import { compilePermissions } from './compile.js';
import type { CompiledPermissions } from './model.js';

function compileOrSkip(yaml: string): CompiledPermissions {
  const result = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
  fc.pre(result.ok);
  return (result as { ok: true; permissions: CompiledPermissions }).permissions;
}

const operationsOf = (p: CompiledPermissions) => new Map(p.roles.map((r) => [r.name, new Set(r.operations)]));

// An independent reading of the rule in permissions.yaml's header, to check the compiler against.
function expectedRights(file: GeneratedPermissions, name: string): Set<string> {
  const role = file.roles[name];
  if (role === undefined) return new Set();
  const rights = new Set(role.includes.flatMap((included) => [...expectedRights(file, included)]));
  // Public operations are everyone's: no role lists them.
  for (const op of CATALOGUE) if (op.public !== true && role.grants.some((s) => selects(s, op))) rights.add(op.id);
  for (const op of CATALOGUE) if (role.deny.some((s) => selects(s, op))) rights.delete(op.id);
  return rights;
}

describe('permissions properties (random files)', () => {
  it('a role\'s rights are the union of its includes and its grants, minus its denies', () => {
    fc.assert(
      fc.property(arbitraryPermissions, (file) => {
        const compiled = compileOrSkip(file.yaml);
        for (const role of compiled.roles) expect(new Set(role.operations)).toEqual(expectedRights(file, role.name));
      }),
      { numRuns: 300 },
    );
  });

  it('adding a grant never removes access from any role', () => {
    fc.assert(
      fc.property(arbitraryPermissions, fc.nat(), arbitrarySelector, (file, pick, selector) => {
        const before = operationsOf(compileOrSkip(file.yaml));
        const names = Object.keys(file.roles);
        const name = names[pick % names.length] as string;
        const role = file.roles[name];
        const roles = { ...file.roles, [name]: { ...role, grants: [...(role?.grants ?? []), selector] } };
        const result = compilePermissions(permissionsYaml(roles as GeneratedPermissions['roles']), CATALOGUE, MLFLOW_VERSION);
        expect(result.ok).toBe(true);
        const after = operationsOf((result as { ok: true; permissions: CompiledPermissions }).permissions);
        // One assertion per run (a per-id expect cost more than the compile): every id any role had, still there.
        const lost = [...before].flatMap(([roleName, ops]) => [...ops].filter((id) => after.get(roleName)?.has(id) !== true).map((id) => `${roleName}: ${id}`));
        expect(lost).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('generates only operation ids the catalogue has, deterministically', () => {
    const ids = new Set(CATALOGUE.map((op) => op.id));
    fc.assert(
      fc.property(arbitraryPermissions, (file) => {
        const compiled = compileOrSkip(file.yaml);
        const plan = (c: CompiledPermissions) => new Map([...planStageInputs(c, file.yaml, CATALOGUE), ...planReviewFiles(c, file.yaml, CATALOGUE, [])]);
        const files = plan(compiled);
        expect(plan(compileOrSkip(file.yaml))).toEqual(files);
        const table = JSON.parse(files.get(GENERATED_FILES.authorizerTable) as string) as AuthorizerTable;
        const iam = JSON.parse(files.get(GENERATED_FILES.iamInputs) as string) as IamRoleInputs;
        const listed = [...Object.values(table.roles), ...Object.values(iam.roles).map((r) => r.operations)].flat();
        expect(listed.filter((id) => !ids.has(id))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('diff of a file with itself is empty', () => {
    fc.assert(
      fc.property(arbitraryPermissions, (file) => {
        expect(diffPermissions(compileOrSkip(file.yaml), compileOrSkip(file.yaml))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
