import { suggestion } from '../permissions/suggest.js';

/** Parsed command-line flags: `--name value` strings, `--name` booleans, and the remaining positionals. */
export interface Flags {
  readonly ok: boolean;
  readonly booleans: Readonly<Record<string, boolean>>;
  readonly strings: Readonly<Record<string, string>>;
  readonly positional: readonly string[];
  /** `--help` or `-h` was given: the command prints its usage and does nothing else. */
  readonly help: boolean;
  readonly error?: string;
}

/**
 * A small, strict flag parser: unknown flags and missing values are errors, `--` ends the flags, `--name=value`
 * equals `--name value`, and `--help`/`-h` are understood everywhere.
 */
export function parseFlags(args: readonly string[], spec: { booleans?: readonly string[]; strings?: readonly string[] }): Flags {
  const booleans: Record<string, boolean> = {};
  const strings: Record<string, string> = {};
  const positional: string[] = [];
  let help = false;
  const fail = (error: string): Flags => ({ ok: false, booleans, strings, positional, help, error });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    if (spec.booleans?.includes(name) && inline === undefined) booleans[name] = true;
    else if (spec.strings?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return fail(`--${name} needs a value`);
      strings[name] = value;
    } else if (spec.booleans?.includes(name)) return fail(`--${name} takes no value`);
    else return fail(`unknown flag --${name}${suggestion(name, [...(spec.booleans ?? []), ...(spec.strings ?? [])]).replace(/"([^"]+)"/, '--$1')}`);
  }
  return { ok: true, booleans, strings, positional, help };
}
