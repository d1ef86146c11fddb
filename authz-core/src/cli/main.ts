import { checkRoutes } from './check-routes.js';
import { diff } from './diff.js';
import { explain } from './explain.js';
import { generate } from './generate.js';
import { whoCan } from './who-can.js';
import type { Output } from './output.js';
import { consoleOutput } from './output.js';

type Command = (args: readonly string[], out: Output) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  generate,
  explain: (args, out) => explain(args, out),
  'who-can': whoCan,
  diff,
  'check-routes': checkRoutes,
};

const USAGE = `usage: authz <command> [args]
commands:
  generate [--check]       compile permissions.yaml into generated/ (--check: exit 1 if generated/ is stale)
  explain --role R METHOD PATH
                           the decision for one request and its reason (--json --stdin: one JSON line per input line)
  who-can OPERATION        the roles that may call an operation, and who holds them
  diff OLD.yaml NEW.yaml   per role: operations gained and lost (exit 1 if anything changed)
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
