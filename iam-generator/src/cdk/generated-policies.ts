import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourcePolicyJson } from '../api-resource-policy.js';
import type { PolicyIndex } from '../generated-files.js';
import { GUARD_FILE, POLICIES_DIR, RESOURCE_POLICY_FILE, ROLE_INPUTS_FILE } from '../paths.js';
import type { PolicyDocumentJson } from '../policy-document.js';

/** The generated policies of every role, as the CDK app reads them from generated/iam/. */
export interface GeneratedPolicies {
  readonly index: PolicyIndex;
  /** Role → its own documents, in the order the index lists them (possibly none). */
  readonly documents: ReadonlyMap<string, readonly PolicyDocumentJson[]>;
  /** The malformed-path guard every role requires (`index.sharedDocuments`). */
  readonly guard: PolicyDocumentJson;
  /** The same guard as the REST API's resource policy. */
  readonly resourcePolicy: ResourcePolicyJson;
  /** The text of generated/iam/roles.json the policies were generated from. */
  readonly roleInputs: string;
}

/** Reads generated/iam/ under `root` (the project root); throws if the index does not name the guard as shared. */
export function readGeneratedPolicies(root: string): GeneratedPolicies {
  const dir = join(root, POLICIES_DIR);
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const index = read('index.json') as PolicyIndex;
  if (index.sharedDocuments?.length !== 1 || index.sharedDocuments[0] !== GUARD_FILE) {
    throw new Error(`${POLICIES_DIR}/index.json: sharedDocuments must be [${GUARD_FILE}]; regenerate with npm run generate`);
  }
  const documents = new Map(Object.entries(index.roles).map(([role, entry]) => [role, entry.documents.map((file) => read(file) as PolicyDocumentJson)]));
  return {
    index,
    documents,
    guard: read(GUARD_FILE) as PolicyDocumentJson,
    resourcePolicy: JSON.parse(readFileSync(join(root, RESOURCE_POLICY_FILE), 'utf8')) as ResourcePolicyJson,
    roleInputs: readFileSync(join(root, ROLE_INPUTS_FILE), 'utf8'),
  };
}
