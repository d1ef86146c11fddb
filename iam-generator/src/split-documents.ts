import type { StageResources } from './policy-document.js';
import { policyDocument } from './policy-document.js';
import type { PolicyDocumentJson } from './policy-document.js';
import { IAM_LIMITS, policyChars } from './policy-size.js';

/**
 * Packs a role's resources into as few managed policy documents as fit IAM's size quota (measured with
 * worst-case placeholder values): allows first, then denies, in order, each document filled before the next
 * is opened; none for no resources. A Deny in any attached policy applies to the role as a whole, so
 * splitting changes nothing.
 */
export function splitDocuments(resources: StageResources, limit: number = IAM_LIMITS.managedPolicyChars): PolicyDocumentJson[] {
  const documents: { allow: string[]; deny: string[] }[] = [];
  let current = { allow: [] as string[], deny: [] as string[] };
  const place = (arn: string, kind: 'allow' | 'deny'): void => {
    const tried = { ...current, [kind]: [...current[kind], arn] };
    if (policyChars(policyDocument(tried.allow, tried.deny)) <= limit) {
      current = tried;
      return;
    }
    if (current.allow.length + current.deny.length === 0) throw new RangeError(`one resource does not fit a managed policy: ${arn}`);
    documents.push(current);
    current = { allow: [], deny: [] };
    place(arn, kind);
  };
  for (const arn of resources.allow) place(arn, 'allow');
  for (const arn of resources.deny) place(arn, 'deny');
  // No resources, no document: one without statements would decide nothing yet take an attachment slot.
  if (current.allow.length + current.deny.length > 0) documents.push(current);
  return documents.map((d) => policyDocument(d.allow, d.deny));
}
