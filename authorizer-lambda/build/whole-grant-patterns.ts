// Builds authorizer-lambda/generated/whole-grant-patterns.json: the browser-surface patterns (authz-core's sound
// pattern builder, which proves each set against the catalogue) for every distinct set of operations a role set
// of generated/authorizer/permissions.json can be granted, with a bearer token or with the artifact cookie.
//   npx tsx authorizer-lambda/build/whole-grant-patterns.ts
// Run after `npm run generate`; the authorizer refuses to start with patterns of another policy version.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { buildPatterns, CATALOGUE, stableJson } from '@mlflow-authz/core';
import { grantKey } from '../src/grant-key.js';
import type { GrantPatterns, WholeGrantPatternTable } from '../src/whole-grant-patterns.js';
import { allRoleSets, grantedOperations } from '../src/whole-grant-patterns.js';
import { PACKAGE_DIR, PATTERN_TABLE } from './paths.js';


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

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tablePath = join(PACKAGE_DIR, '..', 'generated', 'authorizer', 'permissions.json');
  const table = JSON.parse(await readFile(tablePath, 'utf8')) as AuthorizerTable;
  console.log(`whole-grant patterns for policy version ${table.policyVersion}:`);
  const patternTable = buildPatternTable(table, console.log);
  await writeFile(PATTERN_TABLE, stableJson(patternTable));
  console.log(`wrote ${PATTERN_TABLE} (${Object.keys(patternTable.grants).length} pattern sets)`);
}
