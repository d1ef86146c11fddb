// `authorizer-patterns generate [--check] [--root DIR]`: the generate stage of this package. It derives
// generated/authorizer/whole-grant-patterns.json from generated/authorizer/permissions.json (written by
// `authz generate`), so `npm run generate` keeps both in step and `--check` catches a stale one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { GENERATED_FILES, stableJson } from '@mlflow-authz/core';
import { staleFiles, writeFilesAtomically } from '@mlflow-authz/core/files';
import { PATTERN_TABLE_FILE } from './paths.js';
import { buildPatternTable } from './whole-grant-patterns.js';

/** Where the stage writes: injectable so that tests can capture it. */
export interface Output {
  info(line: string): void;
  error(line: string): void;
}

const consoleOutput: Output = {
  info: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(`error: ${line}\n`),
};

const USAGE = "usage: authorizer-patterns generate [--check] [--root DIR]   (--file is accepted and ignored, as authz generate's input)";

/** Runs the stage; exit code 0 done, 1 stale (with --check), 2 bad usage or input. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [command, ...args] = argv;
  let check = false;
  let root = '.';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--root' && args[i + 1] !== undefined) root = args[++i] as string;
    else if (args[i] === '--file' && args[i + 1] !== undefined) i++;
    else {
      out.error(`unexpected argument ${JSON.stringify(args[i])}\n${USAGE}`);
      return 2;
    }
  }
  if (command !== 'generate') {
    out.error(USAGE);
    return 2;
  }
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
