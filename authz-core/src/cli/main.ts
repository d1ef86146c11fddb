import { checkRoutes } from './check-routes.js';
import { generate } from './generate.js';
import type { Output } from './output.js';
import { consoleOutput } from './output.js';

type Command = (args: readonly string[], out: Output) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  generate,
  'check-routes': checkRoutes,
};

const USAGE = `usage: authz <command> [args]
commands:
  generate [--check]       compile permissions.yaml into generated/ (--check: exit 1 if generated/ is stale)
  check-routes DUMP.json   list served MLflow routes the catalogue does not classify (exit 1 if any)`;

/** Runs the CLI and returns its exit code: 0 success, 1 a finding (stale, unclassified, …), 2 bad usage or input. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    if (name === undefined || name === 'help' || name === '--help') {
      out.info(USAGE);
      return name === undefined ? 2 : 0;
    }
    out.error(`unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  return command(args, out);
}
