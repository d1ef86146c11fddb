import { CATALOGUE } from '../catalogue/catalogue.js';
import { planGeneratedFiles, policyVersion } from '../generate/plan.js';
import { renderCountsText } from '../generate/role-area-counts.js';
import { parseFlags } from './flags.js';
import { staleFiles, writeFilesAtomically } from './files.js';
import { printLintWarnings } from './lint.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';

/** `authz generate [--check] [--file permissions.yaml] [--root .]`: compile and write generated/, or verify it. */
export async function generate(args: readonly string[], out: Output): Promise<number> {
  const flags = parseFlags(args, { booleans: ['check', 'strict'], strings: ['file', 'root'] });
  if (!flags.ok || flags.positional.length > 0) {
    out.error('usage: authz generate [--check] [--strict] [--file permissions.yaml] [--root DIR]');
    return 2;
  }
  const root = flags.strings.root ?? '.';
  const file = flags.strings.file ?? `${root}/permissions.yaml`;
  const loaded = await loadPermissions(file, out);
  if (loaded === undefined) return 1;
  if (printLintWarnings(loaded, file, flags.booleans.strict === true, out)) return 1;
  const files = planGeneratedFiles(loaded.permissions, loaded.source, CATALOGUE);
  if (flags.booleans.check) {
    const stale = await staleFiles(root, files);
    for (const path of stale) out.error(`stale: ${path} does not match ${file}; run npm run generate`);
    if (stale.length === 0) out.info(`generated/ matches ${file} (policy version ${policyVersion(loaded.source, CATALOGUE)})`);
    return stale.length === 0 ? 0 : 1;
  }
  await writeFilesAtomically(root, files);
  const roles = loaded.permissions.roles.length;
  out.info(
    `wrote ${files.size} files to generated/ from ${file}: ${roles} role${roles === 1 ? '' : 's'}, ` +
      `policy version ${policyVersion(loaded.source, CATALOGUE)}, MLflow ${loaded.permissions.settings.mlflowVersion}`,
  );
  out.info(renderCountsText(loaded.permissions, CATALOGUE));
  return 0;
}
