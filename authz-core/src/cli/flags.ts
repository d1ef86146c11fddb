/** Parsed command-line flags: `--name value` strings, `--name` booleans, and the remaining positionals. */
export interface Flags {
  readonly ok: boolean;
  readonly booleans: Readonly<Record<string, boolean>>;
  readonly strings: Readonly<Record<string, string>>;
  readonly positional: readonly string[];
  readonly error?: string;
}

/** A small, strict flag parser: unknown flags and missing values are errors, `--` ends the flags. */
export function parseFlags(args: readonly string[], spec: { booleans?: readonly string[]; strings?: readonly string[] }): Flags {
  const booleans: Record<string, boolean> = {};
  const strings: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (spec.booleans?.includes(name)) booleans[name] = true;
    else if (spec.strings?.includes(name)) {
      const value = args[++i];
      if (value === undefined) return { ok: false, booleans, strings, positional, error: `--${name} needs a value` };
      strings[name] = value;
    } else return { ok: false, booleans, strings, positional, error: `unknown flag ${arg}` };
  }
  return { ok: true, booleans, strings, positional };
}
