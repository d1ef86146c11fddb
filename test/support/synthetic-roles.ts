// Synthetic permissions files of a given size, made of the roles real teams write (readers, data scientists, ML
// engineers with the AI gateway, model approvers, guests who load the UI, prompt engineers, gateway users, a
// datasets role without record deletes, MLOps, reviewers, auditors, admins) and per-team variants of them, each
// variant differing by an operation or two, so that almost every role has rights of its own. Deterministic.

import { CATALOGUE, compilePermissions, MLFLOW_VERSION } from '@mlflow-authz/core';

interface Archetype {
  readonly name: string;
  readonly description: string;
  readonly includes?: readonly string[];
  readonly grants: readonly string[];
  readonly deny?: readonly string[];
}

const UI = ['ui-static:read', 'server:read'];

/** The base roles, in the order a file of N roles takes them. */
export const ARCHETYPES: readonly Archetype[] = [
  { name: 'readers', description: 'Every read on both surfaces.', grants: ['*:read'] },
  {
    name: 'data-scientists',
    description: 'Experiments, runs, artifacts, traces, evaluations; reads models.',
    grants: [...UI, 'experiments:*', 'runs:*', 'artifacts:read', 'artifacts:write', 'logged-models:*', 'traces:*', 'datasets:read', 'datasets:write', 'evaluation:*', 'scorers:*', 'registered-models:read', 'model-versions:read', 'prompt-optimization:read'],
    deny: ['DeleteExperiment'],
  },
  { name: 'admins', description: 'Everything.', grants: ['*'] },
  {
    name: 'ml-engineers',
    description: 'Data scientists who also register models and call the AI gateway.',
    includes: ['data-scientists'],
    grants: ['registered-models:*', 'model-versions:*', 'gateway:read', 'invocations', 'chat_completions', 'raw_proxy', 'jobs:read'],
  },
  {
    name: 'model-approvers',
    description: 'Readers who register models and manage versions, without deleting them.',
    includes: ['readers'],
    grants: ['registered-models:write', 'model-versions:write', 'SetModelVersionTag', 'DeleteModelVersionTag'],
  },
  { name: 'guests', description: 'Load the UI and browse experiments and runs.', grants: [...UI, 'experiments:read', 'runs:read', 'artifacts:read'] },
  {
    name: 'prompt-engineers',
    description: 'The prompt registry (registered-model routes), prompt optimization, traces and evaluations.',
    grants: [...UI, 'prompt-optimization:*', 'registered-models:read', 'registered-models:write', 'model-versions:read', 'model-versions:write', 'traces:*', 'evaluation:read', 'evaluation:write', 'invocations', 'chat_completions'],
  },
  { name: 'gateway-users', description: 'Call the AI gateway only.', grants: ['gateway:read', 'invocations', 'chat_completions'] },
  {
    name: 'dataset-curators',
    description: 'Evaluation datasets, without deleting their records.',
    grants: [...UI, 'datasets:*', 'experiments:read'],
    deny: ['DeleteDatasetRecords'],
  },
  { name: 'mlops', description: 'Models, versions, webhooks and jobs.', grants: [...UI, 'registered-models:*', 'model-versions:*', 'webhooks:*', 'jobs:*', 'runs:read', 'experiments:read'] },
  { name: 'reviewers', description: 'Label and review traces.', grants: [...UI, 'evaluation:*', 'traces:read', 'traces:write', 'experiments:read'] },
  { name: 'auditors', description: 'Every read, and the users and roles of the auth plugin.', grants: ['*:read', 'auth-admin:admin'] },
];

/** One role of a synthetic file. */
export interface SyntheticRole {
  readonly name: string;
  readonly description: string;
  readonly includes: readonly string[];
  readonly grants: readonly string[];
  readonly deny: readonly string[];
  readonly cognitoGroups: readonly string[];
  readonly sagemakerUserProfiles: readonly string[];
}

/**
 * `count` roles: the archetypes first, then team variants of them (`team3-ml-engineers`), each granting one
 * operation its base lacks (odd teams, and every variant of a read-only role) or denying one it has (even teams),
 * picked by the variant's position so that variants differ from their base and from each other.
 */
export function syntheticRoles(count: number): SyntheticRole[] {
  const rights = archetypeRights();
  const roles: SyntheticRole[] = [];
  for (let i = 0; i < count; i++) {
    const base = ARCHETYPES[i % ARCHETYPES.length] as Archetype;
    const team = Math.floor(i / ARCHETYPES.length);
    const name = team === 0 ? base.name : `team${team}-${base.name}`;
    let grants = [...base.grants];
    let deny = [...(base.deny ?? [])];
    if (team > 0) {
      const has = rights.get(base.name) as ReadonlySet<string>;
      const ids = CATALOGUE.filter((op) => op.public !== true).map((op) => op.id);
      const missing = ids.filter((id) => !has.has(id));
      const add = missing.length > 0 && (team % 2 === 1 || base.grants.every((g) => g.endsWith(':read')));
      const pool = add ? missing : ids.filter((id) => has.has(id) && !deny.includes(id));
      const pick = pool[(i * 37 + team * 11) % pool.length] as string;
      if (add) grants = [...grants, pick];
      else deny = [...deny, pick];
    }
    roles.push({ name, description: base.description, includes: base.includes ?? [], grants, deny, cognitoGroups: [`${name}-group`], sagemakerUserProfiles: [`${name}-profile`] });
  }
  return roles;
}

let ARCHETYPE_RIGHTS: Map<string, ReadonlySet<string>> | undefined;

/** The operations each archetype has (compiled once). */
function archetypeRights(): Map<string, ReadonlySet<string>> {
  if (ARCHETYPE_RIGHTS === undefined) {
    const compiled = compilePermissions(renderYaml(ARCHETYPES.map((a) => ({ name: a.name, description: a.description, includes: a.includes ?? [], grants: a.grants, deny: a.deny ?? [], cognitoGroups: [], sagemakerUserProfiles: [] })), {}), CATALOGUE, MLFLOW_VERSION);
    if (!compiled.ok) throw new Error(`synthetic archetypes do not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
    ARCHETYPE_RIGHTS = new Map(compiled.permissions.roles.map((r) => [r.name, new Set(r.operations)]));
  }
  return ARCHETYPE_RIGHTS;
}

/** permissions.yaml text for `count` synthetic roles. */
export function syntheticPermissionsYaml(count: number, settings: { apiStageName?: string; authorizerCacheTtlSeconds?: number } = {}): string {
  return renderYaml(syntheticRoles(count), settings);
}

// Includes of roles not in the file are dropped and their grants copied in.
function renderYaml(roles: readonly SyntheticRole[], settings: { apiStageName?: string; authorizerCacheTtlSeconds?: number }): string {
  const names = new Set(roles.map((r) => r.name));
  const byName = new Map(ARCHETYPES.map((a) => [a.name, a]));
  const lines = [
    'version: 1',
    'settings:',
    `  mlflowVersion: "${MLFLOW_VERSION}"`,
    `  apiStageName: ${settings.apiStageName ?? 'prod'}`,
    `  authorizerCacheTtlSeconds: ${settings.authorizerCacheTtlSeconds ?? 300}`,
    'roles:',
  ];
  const quote = (s: string) => JSON.stringify(s);
  const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`;
  for (const role of roles) {
    const includes = role.includes.filter((r) => names.has(r));
    const inherited = role.includes.filter((r) => !names.has(r)).flatMap((r) => byName.get(r)?.grants ?? []);
    lines.push(`  ${role.name}:`, `    description: ${quote(role.description)}`);
    if (includes.length > 0) lines.push(`    includes: ${list(includes)}`);
    lines.push(`    grants: ${list([...new Set([...inherited, ...role.grants])])}`);
    if (role.deny.length > 0) lines.push(`    deny: ${list(role.deny)}`);
    lines.push('    bindings:', `      cognitoGroups: ${list(role.cognitoGroups)}`, `      sagemakerUserProfiles: ${list(role.sagemakerUserProfiles)}`);
  }
  return lines.join('\n') + '\n';
}

/** Deterministic users of a file with `count` roles, each in 1 to `maxGroups` of its Cognito groups. */
export function syntheticUsers(count: number, users: number, maxGroups = 5, seed = 1): string[][] {
  let state = seed >>> 0 || 1;
  const next = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const groups = syntheticRoles(count).map((r) => r.cognitoGroups[0] as string);
  return Array.from({ length: users }, () => {
    const size = 1 + next(Math.min(maxGroups, groups.length));
    const mine = new Set<string>();
    while (mine.size < size) mine.add(groups[next(groups.length)] as string);
    return [...mine].sort();
  });
}
