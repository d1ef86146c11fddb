// `authorizer-patterns generate [--check] [--root DIR]`: the generate stage of this package. It derives
// generated/authorizer/whole-grant-patterns.json from generated/authorizer/permissions.json (written by
// `authz generate`), so `npm run generate` keeps both in step and `--check` catches a stale one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { GENERATED_FILES, stableJson } from '@mlflow-authz/core';
import type { StageOutput } from '@mlflow-authz/core/stage';
import { parseStageArgs, stageConsole, staleFiles, writeFilesAtomically } from '@mlflow-authz/core/stage';
import { PATTERN_TABLE_FILE } from './paths.js';
import { buildPatternTable } from './whole-grant-patterns.js';

const USAGE = "usage: authorizer-patterns generate [--check] [--root DIR]   (--file is accepted and ignored, as authz generate's input)";

/** Runs the stage; exit code 0 done, 1 stale (with --check), 2 bad usage or input. */
export async function main(argv: readonly string[], out: StageOutput = stageConsole): Promise<number> {
  const args = parseStageArgs(argv);
  if (!args.ok) {
    out.error(`${args.problem}\n${USAGE}`);
    return 2;
  }
  const { check, root } = args;
  let table: AuthorizerTable;
  try {
    table = JSON.parse(await readFile(join(root, GENERATED_FILES.authorizerTable), 'utf8')) as AuthorizerTable;
  } catch (error) {
    out.error(`cannot read ${GENERATED_FILES.authorizerTable} (run authz generate first): ${(error as Error).message}`);
    return 2;
  }
  const started = performance.now();
  const files = new Map([[PATTERN_TABLE_FILE, stableJson(buildPatternTable(table))]]);
  if (check) {
    const stale = await staleFiles(root, files);
    for (const path of stale) out.error(`stale: ${path} does not match ${GENERATED_FILES.authorizerTable}; run npm run generate`);
    return stale.length === 0 ? 0 : 1;
  }
  await writeFilesAtomically(root, files);
  const sets = Object.keys((JSON.parse(files.get(PATTERN_TABLE_FILE) as string) as { grants: object }).grants).length;
  out.info(`wrote ${PATTERN_TABLE_FILE}: ${sets} whole-grant pattern sets for cached authorizer policies (${Math.round(performance.now() - started)} ms)`);
  return 0;
}
