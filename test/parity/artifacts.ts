// The generated artifacts of one permissions.yaml, produced by the project's own generate stages, and read
// back the way they are deployed: the authorizer table and whole-grant patterns the Lambda bundles, and each
// role's IAM policy documents as generated/iam/policies/index.json lists them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorizerTable, IamRoleInputs } from '@mlflow-authz/core';
import { CATALOGUE, GENERATED_FILES, MLFLOW_VERSION, compilePermissions, formatDiagnostic, planGeneratedFiles } from '@mlflow-authz/core';
import { buildPatternTable } from '../../authorizer-lambda/build/whole-grant-patterns.js';
import type { WholeGrantPatternTable } from '../../authorizer-lambda/src/whole-grant-patterns.js';
import { planFiles, POLICIES_DIR } from '../../iam-generator/src/generated-files.js';
import { rolePolicies } from '../../iam-generator/src/role-policies.js';
import type { OraclePolicy } from '../oracle/iam-evaluator.js';

/** Deployment values the tests put in place of the IAM documents' placeholders. */
export const DEPLOYMENT = { Partition: 'aws', Region: 'eu-west-1', Account: '123456789012', ApiId: 'a1b2c3d4e5' } as const;

/** Everything the enforcement points are built from, as plain data a drift test can mutate. */
export interface Artifacts {
  readonly yaml: string;
  readonly table: AuthorizerTable;
  readonly patterns: WholeGrantPatternTable;
  /** Role → its IAM policy documents with the deployment's values in place of the placeholders. */
  readonly iam: ReadonlyMap<string, readonly OraclePolicy[]>;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** The committed generated/ of the committed permissions.yaml (what `npm run generate` wrote and CI checked). */
export function committedArtifacts(): Artifacts {
  const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
  const files = new Map<string, string>();
  const index = JSON.parse(read(`${POLICIES_DIR}/index.json`)) as PolicyIndexFile;
  for (const name of policyFileNames(index)) files.set(`${POLICIES_DIR}/${name}`, read(`${POLICIES_DIR}/${name}`));
  files.set(`${POLICIES_DIR}/index.json`, JSON.stringify(index));
  return {
    yaml: read('permissions.yaml'),
    table: JSON.parse(read(GENERATED_FILES.authorizerTable)) as AuthorizerTable,
    patterns: JSON.parse(read('generated/authorizer/whole-grant-patterns.json')) as WholeGrantPatternTable,
    iam: iamPolicies(files),
  };
}

/** Runs the generate stages in memory on `yaml`; undefined (with the reason) when a stage refuses the file. */
export function generateArtifacts(yaml: string): { artifacts?: Artifacts; refused?: string } {
  const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
  if (!compiled.ok) return { refused: compiled.diagnostics.map(formatDiagnostic).join('; ') };
  const core = planGeneratedFiles(compiled.permissions, yaml, CATALOGUE);
  const table = JSON.parse(core.get(GENERATED_FILES.authorizerTable) as string) as AuthorizerTable;
  const inputs = JSON.parse(core.get(GENERATED_FILES.iamInputs) as string) as IamRoleInputs;
  try {
    const policies = Object.entries(inputs.roles).map(([role, r]) => rolePolicies(CATALOGUE, role, r.operations, inputs.apiStageName));
    return { artifacts: { yaml, table, patterns: buildPatternTable(table), iam: iamPolicies(planFiles(inputs, policies)) } };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

interface PolicyIndexFile {
  readonly roles: Readonly<Record<string, { readonly documents: readonly string[] }>>;
  /** Documents every role needs besides its own, when the generator emits shared ones. */
  readonly sharedDocuments?: readonly string[];
}

function policyFileNames(index: PolicyIndexFile): string[] {
  return [...(index.sharedDocuments ?? []), ...Object.values(index.roles).flatMap((r) => r.documents)];
}

// Reads the documents of each role (and the shared ones) from the planned or committed files.
function iamPolicies(files: ReadonlyMap<string, string>): Map<string, OraclePolicy[]> {
  const index = JSON.parse(files.get(`${POLICIES_DIR}/index.json`) as string) as PolicyIndexFile;
  const load = (name: string) => {
    const text = files.get(`${POLICIES_DIR}/${name}`);
    if (text === undefined) throw new Error(`index.json lists ${name}, which was not generated`);
    return JSON.parse(text.replace(/\$\{(Partition|Region|Account|ApiId)\}/g, (_, n: keyof typeof DEPLOYMENT) => DEPLOYMENT[n])) as OraclePolicy;
  };
  const shared = (index.sharedDocuments ?? []).map(load);
  return new Map(Object.entries(index.roles).map(([role, r]) => [role, [...shared, ...r.documents.map(load)]]));
}
