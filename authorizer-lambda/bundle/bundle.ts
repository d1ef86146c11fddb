// Bundles the authorizer into one ES module for Lambda (`NodejsFunction` can take it as is).
//   npx tsx authorizer-lambda/bundle/bundle.ts [outfile]     default: authorizer-lambda/dist/index.mjs
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE } from '@mlflow-authz/core';
import { compactTableModule } from './compact-table.js';
import { DEFAULT_BUNDLE, PACKAGE_DIR } from './paths.js';


/** The bundle written: its path, size in bytes, and esbuild's metafile (which inputs take how much). */
export interface BundleResult {
  readonly outfile: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

/**
 * Bundles `src/lambda.ts` (and generated/authorizer/permissions.json) into one minified ES module for Node 20.
 * `table`: another permissions.json to bake in instead of the project's (the generation bench's role files).
 */
export async function bundle(outfile: string = DEFAULT_BUNDLE, table?: string): Promise<BundleResult> {
  const result = await build({
    entryPoints: [join(PACKAGE_DIR, 'src', 'lambda.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    // Licence comments of the bundled packages are kept, at the end of the file.
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    plugins: [compactTable(table)],
  });
  return { outfile, bytes: (await stat(outfile)).size, metafile: result.metafile };
}

// generated/authorizer/permissions.json (or `table`), carried compacted (compact-table.ts).
function compactTable(table: string | undefined): Plugin {
  return {
    name: 'compact-authorizer-table',
    setup(b) {
      b.onResolve({ filter: /generated\/authorizer\/permissions\.json$/ }, (args) => ({
        path: table === undefined ? resolve(args.resolveDir, args.path) : resolve(table),
        namespace: 'authorizer-table',
      }));
      b.onLoad({ filter: /.*/, namespace: 'authorizer-table' }, async (args) => ({
        contents: compactTableModule(JSON.parse(await readFile(args.path, 'utf8')) as AuthorizerTable, CATALOGUE.map((op) => op.id)),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await bundle(process.argv[2] === undefined ? DEFAULT_BUNDLE : resolve(process.argv[2]));
  console.log(`${result.outfile}: ${(result.bytes / 1024).toFixed(1)} KiB`);
}
