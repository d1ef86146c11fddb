import type { LintContext, LintWarning } from './warning.js';

/** One IAM policy document of a role and its size as IAM counts it (white space excluded). */
export interface DocumentSize {
  readonly role: string;
  /** The document's file name, e.g. `readers.2.json`. */
  readonly document: string;
  readonly characters: number;
  /** The soft target for one document (today 50 % of a managed policy). */
  readonly target: number;
  /** The hard limit of one customer managed policy (6,144 characters). */
  readonly limit: number;
}

/**
 * The warning for a role document above the soft size target (the IAM stage knows the sizes and calls this):
 * it still deploys, but the role is close to IAM's limits, and a principal holding several roles carries them all.
 */
export function documentSizeWarnings(sizes: readonly DocumentSize[], context: LintContext): LintWarning[] {
  return sizes
    .filter((s) => s.characters > s.target)
    .flatMap((s) =>
      context.warn(
        s.role,
        'document-size',
        `IAM policy document ${s.document} is ${count(s.characters)} characters, above the soft target of ${count(s.target)} ` +
          `(${Math.round((100 * s.target) / s.limit)} % of a ${count(s.limit)}-character managed policy): it deploys, but a principal ` +
          'holding this role and others may run out of policy space; split the role into two roles bound to the same principals, ' +
          'or replace lists of single operations and denies with area:access selectors where the rights allow it',
      ),
    );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
