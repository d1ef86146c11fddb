import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '@mlflow-authz/core';
import { POLICIES_DIR, ROLE_INPUTS_FILE, SIZES_FILE, planFiles } from './generated-files.js';
import { RoleInputsError, parseRoleInputs } from './role-inputs.js';
import type { RolePolicies } from './role-policies.js';
import { RolePolicyError, rolePolicies } from './role-policies.js';
import type { StageOutput } from '@mlflow-authz/core/stage';
import { parseStageArgs, stageConsole, staleFiles, writeFilesAtomically } from '@mlflow-authz/core/stage';

/** Where the CLI writes: injectable so that tests can capture it. */
export type Output = StageOutput;

const USAGE = 'usage: iam-policies generate [--check] [--root DIR]   (--file is accepted and ignored, as authz generate\'s input)';

/**
 * `iam-policies generate [--check] [--root DIR]`: writes generated/iam/policies/ and generated/iam/SIZES.md
 * from generated/iam/roles.json, or with --check writes nothing and lists stale files. Returns the exit code:
 * 0 done, 1 stale files or a role that cannot be made sound or fit, 2 bad usage or input.
 */
export async function main(argv: readonly string[], out: Output = stageConsole): Promise<number> {
  const args = parseStageArgs(argv);
  if (!args.ok) return usage(out, args.problem);
  const { check, root } = args;

  const file = join(root, ROLE_INPUTS_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    out.error(`cannot read ${file} (run authz generate first): ${(error as Error).message}`);
    return 2;
  }
  let inputs;
  try {
    inputs = parseRoleInputs(file, parsed, new Set(CATALOGUE.map((op) => op.id)));
  } catch (error) {
    if (error instanceof RoleInputsError) {
      out.error(error.message);
      return 2;
    }
    throw error;
  }

  const policies: RolePolicies[] = [];
  let failed = false;
  for (const role of Object.keys(inputs.roles).sort()) {
    try {
      policies.push(rolePolicies(CATALOGUE, role, (inputs.roles[role] as (typeof inputs.roles)[string]).operations, inputs.apiStageName));
    } catch (error) {
      if (!(error instanceof RolePolicyError)) throw error;
      out.error(error.message);
      failed = true;
    }
  }
  if (failed) return 1;

  const files = planFiles(inputs, policies);
  if (check) {
    const stale = await staleFiles(root, files, { ownedDir: POLICIES_DIR });
    for (const path of stale) out.error(`stale: ${path} does not match ${ROLE_INPUTS_FILE}; run npm run generate`);
    if (stale.length === 0) out.info(`generated/iam/ matches ${ROLE_INPUTS_FILE} (policy version ${inputs.policyVersion})`);
    return stale.length === 0 ? 0 : 1;
  }
  await writeFilesAtomically(root, files, { ownedDir: POLICIES_DIR });
  out.info(`wrote ${files.size} files to generated/iam/ for ${policies.length} role${policies.length === 1 ? '' : 's'} (policy version ${inputs.policyVersion}); sizes in ${SIZES_FILE}`);
  return 0;
}

function usage(out: Output, problem: string): number {
  out.error(`${problem}\n${USAGE}`);
  return 2;
}

// Run directly (`tsx iam-generator/src/cli.ts generate`) as well as through bin/iam-policies.js.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
