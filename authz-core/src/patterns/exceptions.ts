import type { RouteSpec } from '../catalogue/types.js';
import { isUnreserved } from '../router/request-path.js';
import { parsedRoute } from './route-glob.js';
import { globMatches } from './glob.js';
import type { PatternCollision } from './collision.js';
import type { RoleAnalysis } from './role-analysis.js';
import { literalSegments, routeGlob, sampleInstance } from './route-glob.js';
import type { Violation } from './search.js';
import type { MethodModel } from './surface-model.js';

const MAX_ROUNDS = 16;

/**
 * Deny patterns that make `allow` sound for `method` (with the collisions some of them fail closed on), or the
 * counterexample no safe deny removes (or none: over budget).
 */
export type ExceptionResult =
  | { readonly ok: true; readonly deny: readonly string[]; readonly collisions: readonly PatternCollision[] }
  | { readonly ok: false; readonly violation?: Violation };

/**
 * Give up once the denies found cost this many characters (`overhead` per pattern besides its text).
 * `failClosed`: where no safe deny exists, take the candidate that denies the fewest granted routes and report it
 * as a collision instead of giving up.
 */
export interface ExceptionBudget {
  readonly overhead: number;
  readonly limit: number;
  readonly failClosed?: boolean;
}

/**
 * Finds deny exceptions for a set of allow patterns by counterexample: search for requests the allows let
 * through to a route the role lacks, cover each with the broadest candidate deny that still matches no
 * canonical request of a granted route, repeat until none is left. `base` are denies already in force.
 */
export function denyExceptions(
  analysis: RoleAnalysis,
  method: MethodModel,
  allow: readonly string[],
  base: readonly string[],
  budget: ExceptionBudget = { overhead: 0, limit: Infinity },
): ExceptionResult {
  const added: string[] = [];
  const collisions: PatternCollision[] = [];
  let spent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const violations = analysis.overGrants(method, allow, [...base, ...added]);
    if (violations.length === 0) return { ok: true, deny: added, collisions };
    let progress = false;
    for (const violation of violations) {
      const request = violation.method + violation.path;
      if (added.some((deny) => globMatches(deny, request))) continue;
      const candidates = exceptionCandidates(method, violation).filter((c) => globMatches(c, request));
      let deny = candidates.find((c) => analysis.denySafe(c));
      if (deny === undefined && budget.failClosed === true) {
        const collision = narrowestCollision(analysis, method, violation, candidates);
        if (collision !== undefined) {
          collisions.push(collision);
          deny = collision.deny;
        }
      }
      if (deny === undefined) return { ok: false, violation };
      added.push(deny);
      spent += budget.overhead + deny.length;
      if (spent >= budget.limit) return { ok: false };
      progress = true;
    }
    if (!progress) return { ok: false, violation: violations[0] as Violation };
  }
  const violation = analysis.overGrants(method, allow, [...base, ...added], 1)[0];
  return violation === undefined ? { ok: true, deny: added, collisions } : { ok: false, violation };
}

/**
 * Of the candidate denies for `violation` (all unsafe: each matches some request of a granted route), the one
 * whose collision is smallest: fewest granted routes hit, then the most specific pattern (longest literal text).
 */
function narrowestCollision(analysis: RoleAnalysis, method: MethodModel, violation: Violation, candidates: readonly string[]): PatternCollision | undefined {
  let best: PatternCollision | undefined;
  let bestKey: [number, number] | undefined;
  for (const deny of candidates) {
    const lost = analysis.lostBy(method, deny);
    const key: [number, number] = [lost.length, -deny.replace(/[*?]/g, '').length];
    if (bestKey === undefined || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      bestKey = key;
      best = {
        method: violation.method,
        deny,
        protects: { operation: violation.operation, route: violation.route, example: plainExample(method, violation, deny) },
        lost: lost.map((v) => ({ operation: v.operation, route: v.route, example: v.path })),
      };
    }
  }
  return best;
}

/**
 * Candidate denies for one counterexample, broadest first. For a request without escaped unreserved
 * characters: a prefix of the route's literal path (`GET/api/2.0/mlflow/us*` covers all of `users/…` and its
 * escaped spellings that keep `us`), the route's shape (its literal prefix, then `*` per segment), then its own glob (and with a
 * trailing slash). For an escaped spelling: every `%` at the escape's position (`…/mlflow/?%*`), the
 * position's literal prefix, then that one escape anywhere (`*%73*`), which only matches non-canonical requests.
 */
export function exceptionCandidates(method: MethodModel, violation: Violation): string[] {
  const route = method.routes.find((r) => r.route.path === violation.route && r.operation.id === violation.operation)?.route;
  if (route === undefined) return [];
  const m = violation.method;
  const glob = routeGlob(m, route);
  const escape = violation.cause === 'non-canonical' ? firstUnreservedEscape(violation.path) : undefined;
  if (escape !== undefined) {
    const segmentStart = violation.path.lastIndexOf('/', escape) + 1;
    const index = violation.path.slice(1, segmentStart).split('/').length - 1;
    const candidates: string[] = [];
    const before = segmentGlobs(route).slice(0, index);
    // Positional denies only after a literal prefix: behind a `*`, a run of `?` makes automata blow up.
    if (before.length === index && before.every((s) => s !== undefined && !s.includes('*'))) {
      const prefix = `${m}/${before.map((s) => `${s}/`).join('')}`;
      const stem = (violation.patterns[0] ?? '').split('*')[0] as string;
      const versionless = [...prefix].map((c, i) => (stem[i] === '?' ? '?' : c)).join('');
      for (const p of new Set([versionless, prefix])) candidates.push(`${p}${'?'.repeat(escape - segmentStart)}%*`);
      candidates.push(`${prefix}${violation.path.slice(segmentStart, escape)}%*`);
    }
    candidates.push(`*${violation.path.slice(escape, escape + 3)}*`);
    return candidates;
  }
  const candidates: string[] = [];
  const literals = literalSegments(route);
  // Where the allow has `?` in its literal stem (`GET/api/?.0/…`), a deny with `?` there serves every version.
  const stem = (violation.patterns[0] ?? '').split('*')[0] as string;
  const wildcards = [...stem].flatMap((c, i) => (c === '?' ? [i] : []));
  const widen = (candidate: string): string => [...candidate].map((c, i) => (wildcards.includes(i) && c !== '*' ? '?' : c)).join('');
  literals.forEach((segment, j) => {
    const base = `${m}/${literals.slice(0, j).map((s) => `${s}/`).join('')}`;
    for (let k = 1; k <= segment.length; k++) {
      const candidate = `${base}${segment.slice(0, k)}*`;
      if (widen(candidate) !== candidate) candidates.push(widen(candidate));
      candidates.push(candidate);
    }
  });
  // The route's shape alone (its literal prefix, then one `*` per segment) also covers every spelling of the
  // literal segments after a parameter, where positional denies cannot go.
  const segments = segmentGlobs(route);
  if (literals.length < segments.length && segments.every((s) => s !== undefined)) {
    candidates.push(`${m}/${[...literals, ...segments.slice(literals.length).map(() => '*')].join('/')}`);
  }
  candidates.push(glob, `${glob}/`);
  return candidates;
}

/** A canonical request of the violated route the deny matches (every parameter `x`), else the violation's own. */
function plainExample(method: MethodModel, violation: Violation, deny: string): string {
  const route = method.routes.find((r) => r.route.path === violation.route && r.operation.id === violation.operation)?.route;
  const sample = route === undefined ? undefined : sampleInstance(route);
  return sample !== undefined && globMatches(deny, violation.method + sample) ? sample : violation.path;
}

/** Per template segment, its glob text, or undefined for a segment that may span several (a path parameter). */
function segmentGlobs(route: RouteSpec): (string | undefined)[] {
  return parsedRoute(route).segments.map((pieces) =>
    pieces.some((p) => p.kind === 'param' && p.converter === 'path')
      ? undefined
      : pieces.map((p) => (p.kind === 'param' ? '*' : [...p.text].map((c) => (isUnreserved(c) ? c : '*')).join(''))).join('').replace(/\*+/g, '*'),
  );
}

/** The index of the first `%XX` escape of an unreserved character in a raw path. */
function firstUnreservedEscape(path: string): number | undefined {
  for (const match of path.matchAll(/%([0-9a-fA-F]{2})/g)) {
    if (isUnreserved(String.fromCharCode(parseInt(match[1] as string, 16)))) return match.index;
  }
  return undefined;
}
