import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICIES_DIR, ROLE_INPUTS_FILE } from '../generated-files.js';
import type { PolicyIndex } from '../generated-files.js';
import type { PolicyDocumentJson } from '../policy-document.js';

/** The generated policies of every role, as the CDK app reads them from generated/iam/policies/. */
export interface GeneratedPolicies {
  readonly index: PolicyIndex;
  /** Role → its documents, in the order the index lists them. */
  readonly documents: ReadonlyMap<string, readonly PolicyDocumentJson[]>;
  /** The text of generated/iam/roles.json the policies were generated from. */
  readonly roleInputs: string;
}

/** Reads generated/iam/policies/ under `root` (the project root). */
export function readGeneratedPolicies(root: string): GeneratedPolicies {
  const dir = join(root, POLICIES_DIR);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as PolicyIndex;
  const documents = new Map(
    Object.entries(index.roles).map(([role, entry]) => [role, entry.documents.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as PolicyDocumentJson)]),
  );
  return { index, documents, roleInputs: readFileSync(join(root, ROLE_INPUTS_FILE), 'utf8') };
}
