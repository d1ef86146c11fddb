import { readFile, rename, rm, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { newestOf, runBuildScript } from '../build/sources.js';
import { LocalModeError } from '../errors.js';
import type { LambdaAuthorizer } from './browser-authorization.js';

/** Where `npm run build -w @mlflow-authz/authorizer` writes the bundle, under the project root. */
export const DEFAULT_BUNDLE = 'authorizer-lambda/dist/index.mjs';

/** The sources a bundle is built from: a newer file among these makes it stale. */
const BUNDLE_INPUTS = ['authorizer-lambda/src', 'authorizer-lambda/bundle', 'authz-core/src', 'generated/authorizer'];

/**
 * Makes sure the authorizer bundle at `bundle` is built from the current sources and generated/ (policy version
 * `policyVersion`), building it with the authorizer's own command (`tsx authorizer-lambda/bundle/bundle.ts OUT`)
 * when it is missing or stale. Resolves with whether it was built.
 */
export async function ensureBundle(root: string, bundle: string, policyVersion: string): Promise<boolean> {
  if (await bundleIsFresh(root, bundle, policyVersion)) return false;
  // Built beside the target and renamed over it, so that no reader ever sees half a bundle.
  const temporary = `${bundle}.${process.pid}.tmp.mjs`;
  try {
    await runBuildScript(root, 'authorizer-lambda/bundle/bundle.ts', [temporary], 'the authorizer bundle');
    await rename(temporary, bundle);
  } finally {
    await rm(temporary, { force: true });
  }
  if (!(await bundleIsFresh(root, bundle, policyVersion))) throw new LocalModeError(`the authorizer bundle ${bundle} does not carry policy version ${policyVersion} after a build`);
  return true;
}

async function bundleIsFresh(root: string, bundle: string, policyVersion: string): Promise<boolean> {
  const built = await stat(bundle).catch(() => undefined);
  if (built === undefined) return false;
  if (!(await readFile(bundle, 'utf8')).includes(`"${policyVersion}"`)) return false;
  return (await newestOf(root, BUNDLE_INPUTS)) <= built.mtimeMs;
}

let instances = 0;

/**
 * Imports the bundle's `handler` as a fresh module instance (its own JWKS cache, verified tokens and memoized
 * policies, as a new Lambda execution environment) after putting `environment` into `process.env`, which the
 * bundle reads during its init. The bundle fetches the JWKS during init, so the issuer must be up.
 */
export async function loadAuthorizer(bundle: string, environment: Readonly<Record<string, string>>): Promise<LambdaAuthorizer> {
  Object.assign(process.env, environment);
  const module = (await import(`${pathToFileURL(bundle).href}?instance=${++instances}`)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new LocalModeError(`${bundle} has no handler export`);
  return module.handler as LambdaAuthorizer;
}
