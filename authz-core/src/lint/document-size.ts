import type { LintContext, LintWarning } from './warning.js';

/** One IAM policy document of a role and its size as IAM counts it (white space excluded). */
export interface DocumentSize {
  readonly role: string;
  /** The document's file name, e.g. `readers.2.json`. */
  readonly document: string;
  readonly characters: number;
}

/**
 * How many managed policies of its own a role may need before the warning: a principal carries them plus the
 * shared guard, out of IAM's default 10 managed-policy attachments, and one holding two such roles then still
 * has room for its other policies. (A single document near the 6,144-character quota is normal: the generator
 * packs documents full and splits them itself.)
 */
export const SOFT_DOCUMENTS_PER_ROLE = 2;

/**
 * The warning for a role whose IAM policies need more managed policies than the soft target (the IAM stage knows
 * the sizes): it still deploys, but principals holding it and other roles run out of attachments.
 */
export function documentSizeWarnings(sizes: readonly DocumentSize[], context: LintContext): LintWarning[] {
  const byRole = new Map<string, DocumentSize[]>();
  for (const size of sizes) byRole.set(size.role, [...(byRole.get(size.role) ?? []), size]);
  return [...byRole].flatMap(([role, documents]) =>
    documents.length <= SOFT_DOCUMENTS_PER_ROLE
      ? []
      : context.warn(
          role,
          'document-size',
          `its IAM policies need ${documents.length} managed policies (${documents.map((d) => d.document).join(', ')}: ` +
            `${count(documents.reduce((n, d) => n + d.characters, 0))} characters), more than the soft target of ${SOFT_DOCUMENTS_PER_ROLE}: ` +
            `a principal holding it carries them and the shared guard, out of IAM's default 10 attachments; ` +
            'replace lists of single operations and denies with area:access selectors where the rights allow it, or split the role ' +
            'into two roles bound to different principals',
        ),
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
