import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import type { Diagnostic } from '../permissions/diagnostics.js';
import { formatDiagnostic } from '../permissions/diagnostics.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { compilePermissions } from '../permissions/compile.js';
import type { Output } from './output.js';

/** Reads and compiles a permissions file; prints every problem and returns undefined if there is any (warnings are returned, not printed). */
export async function loadPermissions(
  path: string,
  out: Output,
): Promise<{ permissions: CompiledPermissions; source: string; warnings: readonly Diagnostic[] } | undefined> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    out.error(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
  const result = compilePermissions(source, CATALOGUE, MLFLOW_VERSION, basename(path));
  if (!result.ok) {
    for (const d of result.diagnostics) out.error(formatDiagnostic({ ...d, file: path }));
    out.error(`${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'} in ${path}; nothing was written`);
    return undefined;
  }
  return { permissions: result.permissions, source, warnings: result.warnings.map((d) => ({ ...d, file: path })) };
}
