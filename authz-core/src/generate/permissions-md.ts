import type { Operation } from '../catalogue/types.js';
import { AREAS } from '../catalogue/types.js';
import type { CompiledPermissions } from '../permissions/model.js';
import type { SigV4Exception } from './formats.js';
import { roleAreaCounts } from './role-area-counts.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => (items.length === 0 ? '—' : items.map(code).join(', '));

/**
 * PERMISSIONS.md: roles, a role × area summary, the SigV4 exceptions, and the role × operation matrix grouped by
 * area (public operations marked as such in every role's column), for review.
 */
export function renderPermissionsMd(
  permissions: CompiledPermissions,
  catalogue: readonly Operation[],
  version: string,
  sigv4Exceptions: readonly SigV4Exception[] = [],
): string {
  const roles = permissions.roles;
  const out: string[] = [
    '# Permissions',
    '',
    `Generated from \`permissions.yaml\` by \`npm run generate\`; do not edit. Policy version \`${version}\`,`,
    `MLflow ${permissions.settings.mlflowVersion}, API stage \`${permissions.settings.apiStageName}\`,` +
      ` authorizer cache TTL ${permissions.settings.authorizerCacheTtlSeconds} s.`,
    '',
    '## Roles',
    '',
    '| role | description | includes | Cognito groups | SageMaker user profiles | IAM principals | operations |',
    '|---|---|---|---|---|---|---|',
    ...roles.map(
      (r) =>
        `| ${code(r.name)} | ${cell(r.description)} | ${list(r.includes)} | ${list(r.cognitoGroups)} | ${list(r.sagemakerUserProfiles)} | ${list(r.iamPrincipals)} | ${r.operations.length} |`,
    ),
    '',
    '## Operations per area',
    '',
    `| area | operations | ${roles.map((r) => code(r.name)).join(' | ')} |`,
    `|---|---|${roles.map(() => '---|').join('')}`,
    ...roleAreaCounts(permissions, catalogue).map(
      (c) => `| ${c.area === 'total' ? '**total**' : c.area} | ${c.operations} | ${c.perRole.join(' | ')} |`,
    ),
    '',
    '## SigV4 exceptions',
    '',
    ...renderExceptions(sigv4Exceptions),
    '',
    '## Operations',
    '',
    'Each operation with its access level, its routes (method and path template as MLflow registers them) and',
    'which roles may call it. Notes: `read-via-post` a read that uses POST, `delete-via-post` a delete that uses',
    'POST, `not-implemented` registered but always 404, `streaming` a streamed response, `flag:…` served only with',
    'that server option. **public**: anyone may call it, with a token or without (the UI shell, which a browser',
    'loads before login); no role grants or denies it, and infra serves it without the authorizer.',
  ];
  const held = roles.map((r) => new Set(r.operations));
  for (const area of AREAS) {
    const ops = catalogue.filter((op) => op.area === area);
    if (ops.length === 0) continue;
    out.push('', `### ${area}`, '', `| operation | access | routes | notes | ${roles.map((r) => code(r.name)).join(' | ')} |`);
    out.push(`|---|---|---|---|${roles.map(() => '---|').join('')}`);
    for (const op of ops) {
      const routes = op.routes.map((r) => code(`${r.method} ${r.path}`)).join('<br>');
      const marks = held.map((set) => (op.public === true ? 'public' : set.has(op.id) ? '✓' : '—'));
      out.push(`| ${code(op.id)} | ${op.access} | ${cell(routes)} | ${cell(op.notes.join(', '))} | ${marks.join(' | ')} |`);
    }
  }
  return out.join('\n') + '\n';
}

function renderExceptions(exceptions: readonly SigV4Exception[]): string[] {
  const intro = [
    'Requests a role may call that its IAM policies still deny, because IAM\'s wildcards cannot deny an operation',
    'the role lacks without them (`npm run generate` fails closed and warns; `--strict` refuses instead). The',
    'browser path decides these requests exactly; SigV4 callers get 403 for them.',
    '',
  ];
  if (exceptions.length === 0) return [...intro, 'None: every role\'s IAM policies are exact.'];
  return [
    ...intro,
    '| role | cannot call over SigV4 | example request | denied by | to keep out | fix |',
    '|---|---|---|---|---|---|',
    ...exceptions.map(
      (e) =>
        `| ${code(e.role)} | ${cell(e.lostClass)} | ${code(e.example)} | ${code(e.resource)} | ${code(e.protects)} | also grant ${code(e.protects)}, or also deny ${code(e.operation)} |`,
    ),
  ];
}
