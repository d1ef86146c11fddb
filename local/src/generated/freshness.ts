import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOGUE } from '@mlflow-authz/core';
import type { Manifest } from '@mlflow-authz/core';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The files the later generate stages write, each carrying the policy version it was built for. */
const VERSIONED_FILES = ['generated/iam/policies/index.json', 'generated/authorizer/whole-grant-patterns.json'] as const;

/**
 * Why generated/ under `root` does not match permissions.yaml and the catalogue, by the manifest's semantics: the
 * inputs' hashes, every file the manifest lists, and the policy version the IAM and pattern stages recorded.
 * Empty when fresh. Cheap (hashes only); `npm run generate -- --check` also re-proves the patterns.
 */
export async function staleReasons(root: string, manifest: Manifest): Promise<string[]> {
  const reasons: string[] = [];
  const permissions = await readFile(join(root, 'permissions.yaml'), 'utf8');
  if (manifest.inputs['permissions.yaml'] !== sha256(permissions)) reasons.push('permissions.yaml changed since the last generate');
  if (manifest.inputs['catalogue'] !== sha256(JSON.stringify(CATALOGUE))) reasons.push('the route catalogue changed since the last generate');
  for (const [path, hash] of Object.entries(manifest.files)) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content === undefined) reasons.push(`${path} is missing`);
    else if (sha256(content) !== hash) reasons.push(`${path} differs from what generate wrote`);
  }
  for (const path of VERSIONED_FILES) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content === undefined) {
      reasons.push(`${path} is missing`);
      continue;
    }
    let version: unknown;
    try {
      version = (JSON.parse(content) as { policyVersion?: unknown }).policyVersion;
    } catch {
      version = undefined;
    }
    if (version !== manifest.policyVersion) reasons.push(`${path} was built for another policy version`);
  }
  return reasons;
}
