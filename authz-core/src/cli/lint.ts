import { CATALOGUE } from '../catalogue/catalogue.js';
import { lintPermissions } from '../lint/lint.js';
import type { LintWarning } from '../lint/warning.js';
import { formatWarning } from '../lint/warning.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';
import { commandUsage, flagSpec, LINT_HELP } from './usage.js';

/** `authz lint [--strict] [--file F]`: the warnings, one line each on stdout; exit 1 only with --strict. */
export async function lint(args: readonly string[], out: Output): Promise<number> {
  const flags = parseFlags(args, flagSpec(LINT_HELP));
  if (!flags.ok || flags.positional.length > 0) {
    out.error(`${flags.error ?? `unexpected argument ${JSON.stringify(flags.positional[0])}`}\n${commandUsage(LINT_HELP)}`);
    return 2;
  }
  const file = flags.strings.file ?? 'permissions.yaml';
  const loaded = await loadPermissions(file, out);
  if (loaded === undefined) return 1;
  const warnings = lintPermissions(loaded.permissions, loaded.source, file, CATALOGUE);
  for (const w of warnings) out.info(formatWarning(w));
  out.info(warnings.length === 0 ? `no warnings in ${file}` : summary(warnings, file));
  return flags.booleans.strict === true && warnings.length > 0 ? 1 : 0;
}

/**
 * What `authz generate` calls before writing: prints the lint warnings of the file it compiled, and returns
 * true when they are fatal (`--strict`), in which case nothing may be written.
 */
export function printLintWarnings(loaded: { permissions: CompiledPermissions; source: string }, file: string, strict: boolean, out: Output): boolean {
  const warnings = lintPermissions(loaded.permissions, loaded.source, file, CATALOGUE);
  for (const w of warnings) out.warn(formatWarning(w));
  if (warnings.length === 0) return false;
  if (strict) out.error(`${summary(warnings, file)}; --strict makes them errors: nothing was written`);
  else out.warn(`${summary(warnings, file)} (authz lint lists them; --strict makes them errors; a role may list intended ones in ignoreWarnings)`);
  return strict;
}

function summary(warnings: readonly LintWarning[], file: string): string {
  return `${warnings.length} warning${warnings.length === 1 ? '' : 's'} in ${file}`;
}
