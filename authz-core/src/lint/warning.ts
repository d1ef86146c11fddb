import type { Diagnostic, Locator, PathKey } from '../permissions/diagnostics.js';
import { formatDiagnostic, locatorFor } from '../permissions/diagnostics.js';
import type { PermissionsFile } from '../permissions/schema.js';
import { PermissionsFileSchema } from '../permissions/schema.js';
import type { LintRule } from './rules.js';

/** A likely mistake in a permissions file that compiles: where, which role, which rule, and the fix. */
export interface LintWarning extends Diagnostic {
  readonly role: string;
  readonly rule: LintRule;
}

/** `permissions.yaml:LINE:COL: role R: … [rule]`, one line. */
export function formatWarning(w: LintWarning): string {
  return formatDiagnostic(lintDiagnostic(w));
}

/** The warning as a plain diagnostic, its rule named at the end of the message (how generate prints it). */
export function lintDiagnostic(w: LintWarning): Diagnostic {
  return { file: w.file, line: w.line, column: w.column, message: `${w.message} [${w.rule}]` };
}

/**
 * What every check needs from the source of a file that compiled: positions of its nodes, its roles as written
 * (deny entries, grants) and what each role chose to ignore. Also what a stage that finds warnings of its own
 * (IAM policy sizes) builds its warnings with.
 */
export class LintContext {
  private readonly locator: Locator;
  readonly file: PermissionsFile;

  /** `source` must be a file that compiled: it is parsed again here, never reported on. */
  constructor(source: string, fileName: string) {
    const { locator, value } = locatorFor(source, fileName);
    this.locator = locator;
    this.file = PermissionsFileSchema.parse(value);
  }

  /** A warning at `path` (default: the role's name), unless the role ignores the rule. */
  warn(role: string, rule: LintRule, message: string, path: readonly PathKey[] = ['roles', role]): LintWarning[] {
    if (this.file.roles[role]?.ignoreWarnings.includes(rule)) return [];
    const at = this.locator.at(path, `role ${role}: ${message}`, { atKey: path.length === 2, named: false });
    return [{ ...at, role, rule }];
  }
}
