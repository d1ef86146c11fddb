// Files of this package that the build writes and the bench and tests read.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** authorizer-lambda/ */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The precomputed whole-grant pattern table, relative to the project root (committed; bundled into the Lambda). */
export const PATTERN_TABLE_FILE = 'generated/authorizer/whole-grant-patterns.json';

/** The same file as an absolute path. */
export const PATTERN_TABLE = join(PACKAGE_DIR, '..', PATTERN_TABLE_FILE);

/** Where `build/bundle.ts` writes the Lambda bundle by default (git-ignored). */
export const DEFAULT_BUNDLE = join(PACKAGE_DIR, 'dist', 'index.mjs');
