import { CATALOGUE, compilePermissions, GENERATED_FILES, MLFLOW_VERSION, planStageInputs } from '@mlflow-authz/core';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { describe, expect, it } from 'vitest';
import { syntheticPermissionsYaml } from '@mlflow-authz/test/support';
import { TEAM_TABLE } from '../test/harness.js';
import { compactTableModule } from './compact-table.js';

const ids = CATALOGUE.map((op) => op.id);

async function load(text: string): Promise<AuthorizerTable> {
  return ((await import(`data:text/javascript,${encodeURIComponent(text)}`)) as { default: AuthorizerTable }).default;
}

function tableOf(roles: number): AuthorizerTable {
  const yaml = syntheticPermissionsYaml(roles);
  const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
  if (!compiled.ok) throw new Error('synthetic file must compile');
  return JSON.parse(planStageInputs(compiled.permissions, yaml, CATALOGUE).get(GENERATED_FILES.authorizerTable) as string) as AuthorizerTable;
}

describe('the compact authorizer table of the bundle', () => {
  it('loads as the very table it was made from, for the fixture roles and for 50 synthetic roles', async () => {
    expect(await load(compactTableModule(TEAM_TABLE, ids))).toEqual(TEAM_TABLE);
    const fifty = tableOf(50);
    expect(await load(compactTableModule(fifty, ids))).toEqual(fifty);
  });

  it('costs a few dozen characters per role where JSON costs the whole list of ids', () => {
    const fifty = tableOf(50);
    const compact = compactTableModule(fifty, ids).length;
    expect(compact).toBeLessThan(JSON.stringify(fifty).length / 5);
    expect(compact).toBeLessThan(15_000);
  });

  it('refuses a table whose operations are not in catalogue order, or not in the catalogue', () => {
    expect(() => compactTableModule({ ...TEAM_TABLE, roles: { r: ['GetRun', 'GetExperiment'] } }, ids)).toThrow(/catalogue order/);
    expect(() => compactTableModule({ ...TEAM_TABLE, roles: { r: ['NoSuchOperation'] } }, ids)).toThrow();
  });
});
