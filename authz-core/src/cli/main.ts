import { checkRoutes } from './check-routes.js';
import { diff } from './diff.js';
import { explain } from './explain.js';
import { generate } from './generate.js';
import { lint } from './lint.js';
import { whoCan } from './who-can.js';
import type { Output } from './output.js';
import { consoleOutput } from './output.js';
import { suggestion } from '../permissions/suggest.js';
import { COMMAND_HELP, commandUsage, overallUsage } from './usage.js';

type Command = (args: readonly string[], out: Output) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  generate,
  lint,
  explain: (args, out) => explain(args, out),
  'who-can': whoCan,
  diff,
  'check-routes': checkRoutes,
};

/** Runs the CLI and returns its exit code: 0 success, 1 a finding (stale, unclassified, …), 2 bad usage or input. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = COMMAND_HELP.find((c) => c.name === args[0]);
      out.info(topic === undefined ? overallUsage() : commandUsage(topic));
      return name === undefined ? 2 : 0;
    }
    out.error(`unknown command ${JSON.stringify(name)}${suggestion(name, Object.keys(COMMANDS))}\n${overallUsage()}`);
    return 2;
  }
  const help = COMMAND_HELP.find((c) => c.name === name);
  const end = args.indexOf('--');
  if (help !== undefined && (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    out.info(commandUsage(help));
    return 0;
  }
  return command(args, out);
}
