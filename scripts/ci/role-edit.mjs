#!/usr/bin/env node
// CI's proof that the suite does not depend on the roles of permissions.yaml: in a temporary copy of the checkout
// it edits permissions.yaml as a team would (adds a role, renames another and every reference to it), runs
// `npm run generate`, checks the result with `npm run generate -- --check`, and runs the whole test suite there,
// which must pass. The copy reuses this checkout's node_modules by hard links (no reinstall); its workspace links
// are relative, so they resolve inside the copy.
//
// Usage: node scripts/ci/role-edit.mjs [-- vitest arguments]   (KEEP_COPY=1 keeps the copy for a look)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { inTemporaryCopy, run } from './temporary-copy.mjs';

const RENAMED = { from: 'readers', to: 'viewers-renamed' };
const ADDED = 'experiment-auditors';

/** permissions.yaml with a role added and `RENAMED.from` renamed everywhere it is named (key and includes). */
export function editRoles(text) {
  const doc = parseDocument(text);
  const roles = doc.get('roles');
  if (!roles?.has(RENAMED.from)) throw new Error(`permissions.yaml has no role ${RENAMED.from} to rename`);
  if (roles.has(ADDED) || roles.has(RENAMED.to)) throw new Error(`permissions.yaml already has ${ADDED} or ${RENAMED.to}`);
  for (const pair of roles.items) {
    if (pair.key.value === RENAMED.from) pair.key.value = RENAMED.to;
    const includes = pair.value.get('includes');
    if (includes !== undefined) for (const item of includes.items) if (item.value === RENAMED.from) item.value = RENAMED.to;
  }
  roles.set(
    ADDED,
    doc.createNode({
      description: 'Added by the CI role-edit check: loads the UI, reads experiments and runs.',
      grants: ['get_server_info', 'experiments:read', 'runs:read'],
      bindings: { cognitoGroups: [ADDED], sagemakerUserProfiles: [`mlflow-${ADDED}`] },
    }),
  );
  const edited = doc.toString();
  if (!edited.includes(`${RENAMED.to}:`) || !edited.includes(`${ADDED}:`)) throw new Error('the role edit did not apply');
  return edited;
}

function main() {
  inTemporaryCopy('role-edit', (dir) => {
    const file = join(dir, 'permissions.yaml');
    writeFileSync(file, editRoles(readFileSync(file, 'utf8')));
    process.stdout.write(`[role-edit] ${dir}: added role ${ADDED}, renamed ${RENAMED.from} to ${RENAMED.to}\n`);
    run(dir, 'npm', ['run', 'generate']);
    run(dir, 'npm', ['run', 'generate', '--', '--check']);
    run(dir, 'npx', ['vitest', 'run', ...process.argv.slice(2).filter((a) => a !== '--')]);
    process.stdout.write('[role-edit] the suite passes with a role added and another renamed\n');
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`role-edit: ${error.message}\n`);
    process.exit(1);
  }
}
