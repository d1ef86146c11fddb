import type { Operation } from '../catalogue/types.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { ROLE_CHECKS } from './checks.js';
import type { LintWarning } from './warning.js';
import { LintContext } from './warning.js';

/**
 * The likely mistakes in a permissions file that compiled (see LINT_RULES), sorted by position. `source` and
 * `file` are the text `permissions` was compiled from and the name to report it under.
 */
export function lintPermissions(permissions: CompiledPermissions, source: string, file: string, catalogue: readonly Operation[]): LintWarning[] {
  const context = new LintContext(source, file);
  const input = { permissions, catalogue, context };
  return permissions.roles
    .flatMap((role) => ROLE_CHECKS.flatMap((check) => check(role, input)))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
