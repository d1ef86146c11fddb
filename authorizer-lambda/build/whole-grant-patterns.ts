// The browser-surface patterns (authz-core's sound pattern builder, which proves each set against the catalogue)
// for every distinct set of operations a role set of generated/authorizer/permissions.json can be granted, with a
// bearer token or with the artifact cookie. `npm run generate` writes them (build/cli.ts); the authorizer refuses
// to start with patterns of another policy version.
import type { AuthorizerTable } from '@mlflow-authz/core';
import { buildPatterns, CATALOGUE } from '@mlflow-authz/core';
import { grantKey } from '../src/grant-key.js';
import type { GrantPatterns, WholeGrantPatternTable } from '../src/whole-grant-patterns.js';
import { allRoleSets, grantedOperations } from '../src/whole-grant-patterns.js';


/** Builds the pattern table for `table`, one proven pattern set per distinct granted operation set. */
export function buildPatternTable(table: AuthorizerTable, log: (line: string) => void = () => {}): WholeGrantPatternTable {
  const grants: Record<string, GrantPatterns> = {};
  for (const roles of allRoleSets(table)) {
    for (const source of ['header', 'cookie'] as const) {
      const operations = grantedOperations(table, roles, source);
      const key = grantKey(operations);
      if (operations.size === 0 || key in grants) continue;
      const started = performance.now();
      const patterns = buildPatterns(CATALOGUE, { surface: 'browser', granted: operations });
      grants[key] = { allow: patterns.allow, deny: patterns.deny };
      log(`  [${roles.join(', ')}] ${source}: ${operations.size} operations → ${patterns.allow.length} allow, ${patterns.deny.length} deny (${Math.round(performance.now() - started)} ms)`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(grants).sort(([a], [b]) => a.localeCompare(b)));
  return { policyVersion: table.policyVersion, grants: sorted };
}
