import { readFile } from 'node:fs/promises';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compareRoutes } from '../drift/compare-routes.js';
import { RouteDumpSchema } from '../drift/route-dump.js';
import type { Output } from './output.js';

/** `authz check-routes DUMP.json`: exit 1 when the served MLflow has routes the catalogue does not classify. */
export async function checkRoutes(args: readonly string[], out: Output): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0) {
    out.error('usage: authz check-routes DUMP.json   (DUMP.json from authz-core/drift/dump_mlflow_routes.py)');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    out.error(`${file}: cannot read a JSON route dump: ${(error as Error).message}`);
    return 2;
  }
  const parsed = RouteDumpSchema.safeParse(json);
  if (!parsed.success) {
    out.error(`${file}: not a route dump: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const drift = compareRoutes(parsed.data, CATALOGUE, MLFLOW_VERSION);
  if (drift.versionMismatch) {
    out.warn(`served MLflow ${drift.versionMismatch.served}, catalogue pinned to ${drift.versionMismatch.pinned}`);
  }
  for (const route of drift.unclassified) {
    out.error(`unclassified: ${route.engine} ${route.method ?? '(mount)'} ${route.path} (${route.endpoint})`);
  }
  for (const line of drift.misordered) out.error(`misordered: ${line}`);
  out.info(
    `${parsed.data.routes.length} served routes: ${drift.unclassified.length} unclassified, ` +
      `${drift.misordered.length} misordered; ${drift.notServed.length} catalogue routes not served by this server`,
  );
  return drift.unclassified.length > 0 || drift.misordered.length > 0 ? 1 : 0;
}
