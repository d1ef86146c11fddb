// The generated artifacts of one permissions.yaml, read back the way they are deployed: the authorizer table the
// Lambda bundles, each role's IAM policy documents as generated/iam/policies/index.json lists them, and the SigV4
// exceptions declared there. From a project folder npm run generate wrote (the committed one, or one the suite's
// global setup generated), or from the generate stages run in memory (random files).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, GENERATED_FILES, MLFLOW_VERSION, compilePermissions, formatDiagnostic, planStageInputs } from '@mlflow-authz/core';
import { iamStage, POLICIES_DIR } from '@mlflow-authz/iam';
import type { OraclePolicy } from '../oracle/iam-evaluator.js';

/** Deployment values the tests put in place of the IAM documents' placeholders. */
export const DEPLOYMENT = { Partition: 'aws', Region: 'eu-west-1', Account: '123456789012', ApiId: 'a1b2c3d4e5' } as const;

/** A declared SigV4 exception: the deny resource (`METHOD/path-glob`), the operation that loses requests to it, one lost request. */
export interface DeclaredException {
  readonly resource: string;
  readonly operation: string;
  readonly example: string;
}

/** Everything the enforcement points are built from, as plain data a drift test can mutate. */
export interface Artifacts {
  /** Where they come from, for messages: a project folder, or `random file N`. */
  readonly source: string;
  readonly yaml: string;
  readonly table: AuthorizerTable;
  /** Role → its IAM policy documents (the shared ones first) with the deployment's values in place of the placeholders. */
  readonly iam: ReadonlyMap<string, readonly OraclePolicy[]>;
  /** How many of each role's documents are the shared ones (the malformed-path guard). */
  readonly sharedDocuments: number;
  /** Role → the SigV4 exceptions index.json declares for it. */
  readonly exceptions: ReadonlyMap<string, readonly DeclaredException[]>;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** The artifacts of a project folder: its permissions.yaml and the generated/ npm run generate wrote beside it. */
export function projectArtifacts(root: string): Artifacts {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const files = new Map<string, string>();
  const index = JSON.parse(read(`${POLICIES_DIR}/index.json`)) as PolicyIndexFile;
  for (const name of policyFileNames(index)) files.set(`${POLICIES_DIR}/${name}`, read(`${POLICIES_DIR}/${name}`));
  files.set(`${POLICIES_DIR}/index.json`, JSON.stringify(index));
  return { source: root, yaml: read('permissions.yaml'), table: JSON.parse(read(GENERATED_FILES.authorizerTable)) as AuthorizerTable, ...iamArtifacts(files) };
}

/** The committed generated/ of the committed permissions.yaml (what `npm run generate` wrote and CI checked). */
export function committedArtifacts(): Artifacts {
  return projectArtifacts(ROOT);
}

/** Runs the generate stages in memory on `yaml` (as `npm run generate` does); the reason when they refuse the file. */
export async function generateArtifacts(yaml: string, source = 'a permissions file'): Promise<{ artifacts?: Artifacts; refused?: string }> {
  const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
  if (!compiled.ok) return { refused: compiled.diagnostics.map(formatDiagnostic).join('; ') };
  const inputs = planStageInputs(compiled.permissions, yaml, CATALOGUE);
  const result = await iamStage().run(inputs);
  if (result.errors.length > 0) return { refused: result.errors.map((e) => `role ${e.role}: ${e.message}`).join('; ') };
  const table = JSON.parse(inputs.get(GENERATED_FILES.authorizerTable) as string) as AuthorizerTable;
  return { artifacts: { source, yaml, table, ...iamArtifacts(result.files) } };
}

interface PolicyIndexFile {
  readonly roles: Readonly<Record<string, { readonly documents: readonly string[]; readonly sigv4Exceptions?: readonly DeclaredException[] }>>;
  /** Documents every role needs besides its own, when the generator emits shared ones. */
  readonly sharedDocuments?: readonly string[];
}

function policyFileNames(index: PolicyIndexFile): string[] {
  return [...(index.sharedDocuments ?? []), ...Object.values(index.roles).flatMap((r) => r.documents)];
}

// Reads the documents of each role (and the shared ones) and its declared exceptions from the planned or committed files.
function iamArtifacts(files: ReadonlyMap<string, string>): Pick<Artifacts, 'iam' | 'exceptions' | 'sharedDocuments'> {
  const index = JSON.parse(files.get(`${POLICIES_DIR}/index.json`) as string) as PolicyIndexFile;
  const load = (name: string) => {
    const text = files.get(`${POLICIES_DIR}/${name}`);
    if (text === undefined) throw new Error(`index.json lists ${name}, which was not generated`);
    return JSON.parse(text.replace(/\$\{(Partition|Region|Account|ApiId)\}/g, (_, n: keyof typeof DEPLOYMENT) => DEPLOYMENT[n])) as OraclePolicy;
  };
  const shared = (index.sharedDocuments ?? []).map(load);
  return {
    sharedDocuments: shared.length,
    iam: new Map(Object.entries(index.roles).map(([role, r]) => [role, [...shared, ...r.documents.map(load)]])),
    exceptions: new Map(Object.entries(index.roles).map(([role, r]) => [role, r.sigv4Exceptions ?? []])),
  };
}
