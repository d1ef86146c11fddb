import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding permissions.yaml and generated/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where local mode keeps its credentials file and OIDC state by default (git-ignored). */
export function defaultStateDir(root: string): string {
  return join(root, 'local', '.state');
}
