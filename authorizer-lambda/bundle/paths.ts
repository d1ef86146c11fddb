// Files of this package that the build writes and the bench and tests read.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** authorizer-lambda/ */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `bundle/bundle.ts` writes the Lambda bundle by default (git-ignored). */
export const DEFAULT_BUNDLE = join(PACKAGE_DIR, 'dist', 'index.mjs');
