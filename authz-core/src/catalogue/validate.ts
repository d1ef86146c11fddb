import { literalCharacters, parseTemplate, TemplateSyntaxError } from '../router/template.js';
import type { Operation } from './types.js';
import { ACCESS_LEVELS, AREAS } from './types.js';

const ID = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

/** Returns every structural problem of a catalogue (empty when it is sound): ids, duplicates, templates. */
export function catalogueProblems(operations: readonly Operation[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const routes = new Map<string, string>();
  for (const op of operations) {
    if (!ID.test(op.id)) problems.push(`${op.id}: id must be an identifier (optionally Service.Name)`);
    if (ids.has(op.id)) problems.push(`${op.id}: duplicate id`);
    ids.add(op.id);
    if (!AREAS.includes(op.area)) problems.push(`${op.id}: unknown area ${op.area}`);
    if (!ACCESS_LEVELS.includes(op.access)) problems.push(`${op.id}: unknown access ${op.access}`);
    if (op.routes.length === 0) problems.push(`${op.id}: no routes`);
    if (op.summary.trim() === '') problems.push(`${op.id}: no summary`);
    if (op.source.length === 0) problems.push(`${op.id}: no provenance`);
    for (const { file, commit } of op.source) {
      if (!/^[0-9a-f]{40}$/.test(commit)) problems.push(`${op.id}: provenance ${file} has no 40-hex commit`);
    }
    for (const route of op.routes) {
      try {
        parseTemplate(route.path, route.engine);
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        problems.push(`${op.id}: ${error.message}`);
      }
      const key = `${route.engine} ${route.method} ${route.path}`;
      const other = routes.get(key);
      if (other !== undefined) problems.push(`${op.id}: route ${key} is also ${other}`);
      routes.set(key, op.id);
    }
  }
  return problems;
}

/**
 * Literal route text may only use RFC 3986 unreserved characters (and `:` off the `/api/` surface): the router
 * refuses escaped unreserved characters, so an escaped segment can never spell a literal one, and IAM patterns,
 * which see the raw path, agree with MLflow's decoded routing on every literal of the `/api/` surface.
 */
export function literalCharacterProblems(operations: readonly Operation[]): string[] {
  const problems: string[] = [];
  for (const op of operations) {
    for (const route of op.routes) {
      const allowed = route.path.startsWith('/api/') ? /^[A-Za-z0-9._~-]$/ : /^[A-Za-z0-9._~:-]$/;
      for (const c of literalCharacters(parseTemplate(route.path, route.engine))) {
        if (!allowed.test(c)) problems.push(`${op.id}: literal character ${JSON.stringify(c)} in ${route.path}`);
      }
    }
  }
  return problems;
}
