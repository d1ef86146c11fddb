import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { generatedStaleness } from '@mlflow-authz/core/generated-check';
import { z } from 'zod';
import { LocalModeError } from '../errors.js';
import type { PolicyDocument } from '../iam/policy.js';
import { readPolicyDocument } from '../iam/policy.js';
import type { LocalApi } from '../local-api.js';
import { fillPlaceholders } from '../local-api.js';
import { PROJECT_ROOT } from '../paths.js';

/** One role's IAM side: its own documents (placeholders filled) and who is bound to it. */
export interface IamRole {
  readonly documents: readonly PolicyDocument[];
  readonly sagemakerUserProfiles: readonly string[];
  readonly iamPrincipals: readonly string[];
}

/** What the gateway enforces, read from generated/ for one local API. */
export interface Generated {
  readonly policyVersion: string;
  readonly authorizer: AuthorizerTable;
  readonly iamRoles: ReadonlyMap<string, IamRole>;
  /** Documents every principal with a role carries besides its role's (the malformed-path guard). */
  readonly sharedDocuments: readonly PolicyDocument[];
  /** The REST API's resource policy (denies only). */
  readonly resourcePolicy: PolicyDocument;
}

const IamIndex = z.object({
  policyVersion: z.string(),
  apiStageName: z.string(),
  sharedDocuments: z.array(z.string()),
  roles: z.record(
    z.string(),
    z.object({ documents: z.array(z.string()), sagemakerUserProfiles: z.array(z.string()), iamPrincipals: z.array(z.string()) }),
  ),
});

/**
 * Reads generated/ under `root`; throws `LocalModeError` when it is missing, malformed or stale by the checks of
 * `npm run generate -- --check` (then the fix is `npm run generate`), so the gateway never enforces anything but
 * what permissions.yaml says.
 */
export async function readGenerated(root: string, api: (stage: string) => LocalApi): Promise<{ generated: Generated; api: LocalApi }> {
  // The project's one freshness check, the one `npm run generate -- --check` runs (hashes only).
  const { manifest, stale } = await generatedStaleness({ root, projectDir: PROJECT_ROOT });
  if (manifest === null || stale.length > 0) throw new LocalModeError(`generated/ is stale (${stale.join('; ')}): run \`npm run generate\``);
  const authorizer = (await readJson(root, 'generated/authorizer/permissions.json')) as AuthorizerTable;
  const local = api(authorizer.apiStageName);
  const index = IamIndex.safeParse(await readJson(root, 'generated/iam/policies/index.json'));
  if (!index.success) throw new LocalModeError('generated/iam/policies/index.json is malformed: run `npm run generate`');
  const readDocument = async (path: string) => {
    const text = await readText(root, path);
    try {
      return readPolicyDocument(JSON.parse(fillPlaceholders(text, local)));
    } catch (error) {
      throw new LocalModeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const iamRoles = new Map<string, IamRole>();
  for (const [role, entry] of Object.entries(index.data.roles)) {
    const documents = await Promise.all(entry.documents.map((name) => readDocument(`generated/iam/policies/${name}`)));
    iamRoles.set(role, { documents, sagemakerUserProfiles: entry.sagemakerUserProfiles, iamPrincipals: entry.iamPrincipals });
  }
  const sharedDocuments = await Promise.all(index.data.sharedDocuments.map((name) => readDocument(`generated/iam/policies/${name}`)));
  const resourcePolicy = await readDocument('generated/iam/api-resource-policy-guard.json');
  return { generated: { policyVersion: manifest.policyVersion, authorizer, iamRoles, sharedDocuments, resourcePolicy }, api: local };
}

async function readText(root: string, path: string): Promise<string> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch {
    throw new LocalModeError(`${path} is missing: run \`npm run generate\``);
  }
}

async function readJson(root: string, path: string): Promise<unknown> {
  const text = await readText(root, path);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LocalModeError(`${path} is not valid JSON: run \`npm run generate\``);
  }
}
