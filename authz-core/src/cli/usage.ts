// The help of every command, as data: `authz --help`, `authz COMMAND --help` and the usage printed after a bad
// command line are rendered from it, and the commands parse exactly the flags listed here, so help and parser
// cannot drift apart.

/** One flag: `--name` (a switch) or `--name VALUE`. */
export interface FlagHelp {
  readonly name: string;
  readonly value?: string;
  readonly help: string;
}

/** One command: its arguments, what it does, its flags and its exit codes. */
export interface CommandHelp {
  readonly name: string;
  readonly args: string;
  readonly summary: string;
  readonly flags: readonly FlagHelp[];
  readonly exits: string;
}

const FILE: FlagHelp = { name: 'file', value: 'FILE', help: 'the permissions file to read (default: permissions.yaml)' };

export const GENERATE_HELP: CommandHelp = {
  name: 'generate',
  args: '',
  summary:
    'use `npm run generate [-- --check] [--strict] [--file FILE] [--root DIR]`: it compiles permissions.yaml, runs every stage ' +
    'in memory and replaces generated/ as a whole (README.md, "Generate"); authz-core alone would write only part of it',
  flags: [],
  exits: '2 always (it points at npm run generate)',
};

export const LINT_HELP: CommandHelp = {
  name: 'lint',
  args: '',
  summary: 'warn about roles that compile but are likely mistakes (one line each: FILE:LINE:COL: role R: … [rule])',
  flags: [{ name: 'strict', help: 'exit 1 when there is any warning' }, FILE],
  exits: '0 no warnings (or warnings without --strict), 1 a problem in the file or (with --strict) a warning, 2 bad usage',
};

export const EXPLAIN_HELP: CommandHelp = {
  name: 'explain',
  args: '[METHOD] URL',
  summary:
    'the decision for one request on the browser path (Cognito, Lambda authorizer) and on the SigV4 path (IAM), and which one the URL takes; ' +
    'URL may be a full https:// URL or a path, with the stage prefix, a query string and a fragment; METHOD in any case (default GET)',
  flags: [
    { name: 'role', value: 'ROLE[,ROLE…]', help: 'the roles the caller holds (required unless --stdin)' },
    { name: 'json', help: 'with --stdin: one JSON object per input line' },
    { name: 'stdin', help: 'read lines "ROLE[,ROLE…] METHOD URL" from stdin (ROLE "-": routing only); needs --json' },
    FILE,
  ],
  exits: '0 answered (allow or deny), 1 a problem in the file, 2 bad usage or an undeclared role',
};

export const WHO_CAN_HELP: CommandHelp = {
  name: 'who-can',
  args: 'OPERATION',
  summary: 'the roles that may call an operation, why, and who holds them',
  flags: [FILE],
  exits: '0 answered, 1 a problem in the file, 2 bad usage or an unknown operation',
};

export const DIFF_HELP: CommandHelp = {
  name: 'diff',
  args: 'OLD.yaml NEW.yaml',
  summary: "per role, grouped by area: operations gained and lost, the role's own changes apart from those inherited through includes, and binding changes",
  flags: [],
  exits: '0 nothing changed, 1 something changed, 2 bad usage or a file that does not compile',
};

export const CHECK_ROUTES_HELP: CommandHelp = {
  name: 'check-routes',
  args: 'DUMP.json',
  summary: 'list the routes a real MLflow server serves that the catalogue does not classify (DUMP.json from authz-core/drift/dump_mlflow_routes.py)',
  flags: [],
  exits: '0 every route classified, 1 an unclassified route, 2 bad usage or an unreadable dump',
};

/** Every command, in the order `authz --help` lists them. */
export const COMMAND_HELP: readonly CommandHelp[] = [GENERATE_HELP, LINT_HELP, EXPLAIN_HELP, WHO_CAN_HELP, DIFF_HELP, CHECK_ROUTES_HELP];

/** The flag spec `parseFlags` takes for a command. */
export function flagSpec(command: CommandHelp): { booleans: string[]; strings: string[] } {
  return {
    booleans: command.flags.filter((f) => f.value === undefined).map((f) => f.name),
    strings: command.flags.filter((f) => f.value !== undefined).map((f) => f.name),
  };
}

/** `usage: authz NAME ARGS [flags]`, what it does, each flag, the exit codes. */
export function commandUsage(command: CommandHelp): string {
  const synopsis = [`authz ${command.name}`, command.args, ...command.flags.map(flagText).map((f) => `[${f}]`)].filter((s) => s !== '').join(' ');
  return [`usage: ${synopsis}`, ...wrap(command.summary, '  '), ...flagLines(command), `  exit: ${command.exits}`].join('\n');
}

/** The overview `authz --help` prints. */
export function overallUsage(): string {
  const lines = ['usage: authz <command> [args] [flags]   (authz <command> --help for one command)', '', 'commands:'];
  for (const command of COMMAND_HELP) {
    lines.push(`  ${[command.name, command.args].filter((s) => s !== '').join(' ')}`);
    lines.push(...wrap(command.summary, '      '));
    lines.push(...flagLines(command).map((l) => `    ${l}`));
  }
  lines.push('', 'flags for every command: --help (this help)');
  return lines.join('\n');
}

function flagText(flag: FlagHelp): string {
  return flag.value === undefined ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
}

function flagLines(command: CommandHelp): string[] {
  const width = Math.max(0, ...command.flags.map((f) => flagText(f).length));
  return command.flags.map((f) => `  ${flagText(f).padEnd(width)}  ${f.help}`);
}

function wrap(text: string, indent: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
