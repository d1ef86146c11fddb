// What every generate stage shares: its output channel and its command line, `generate [--check] [--root DIR]`,
// which also accepts (and ignores) `--file F` because `npm run generate -- --file F` hands the same flags to
// every stage, and only `authz generate` reads permissions.yaml.
export { staleFiles, writeFilesAtomically } from './files.js';

/** Where a stage writes: injectable so that tests can capture it. */
export interface StageOutput {
  info(line: string): void;
  error(line: string): void;
}

/** Output to stdout (info) and stderr (errors). */
export const stageConsole: StageOutput = {
  info: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(`error: ${line}\n`),
};

/** A stage's parsed command line, or the reason it is not one. */
export type StageArgs = { readonly ok: true; readonly check: boolean; readonly root: string } | { readonly ok: false; readonly problem: string };

/** Parses `generate [--check] [--root DIR] [--file F]`. */
export function parseStageArgs(argv: readonly string[]): StageArgs {
  const [command, ...args] = argv;
  if (command !== 'generate') return { ok: false, problem: command === undefined ? 'no command' : `unknown command ${JSON.stringify(command)}` };
  let check = false;
  let root = '.';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--root' && args[i + 1] !== undefined) root = args[++i] as string;
    else if (args[i] === '--file' && args[i + 1] !== undefined) i++;
    else return { ok: false, problem: `unexpected argument ${JSON.stringify(args[i])}` };
  }
  return { ok: true, check, root };
}
