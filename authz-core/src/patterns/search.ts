import { GlobAutomaton } from './glob.js';
import { PATH_SHAPE_START, finalShape, shapeClasses, shapeIsMalformed, shapeIsNonCanonical, stepShape } from './path-shape.js';
import type { MethodModel, SurfaceModel } from './surface-model.js';
import type { TemplateAutomaton } from './template-automaton.js';
import { IAM_PATH_PREFIX } from './surface.js';
import { TupleSet } from './tuple-set.js';

/** An allow where the route is not granted, or a granted route left denied. */
export type ViolationKind = 'over-grant' | 'under-grant';

/**
 * Which request showed it: a `canonical` one (the router decides it), a `non-canonical` one (escaped unreserved
 * characters or a bad escape, read as MLflow reads it), or one whose trailing slash API Gateway may strip
 * before MLflow sees it (`trailing-slash`, checked when asked for).
 */
export type ViolationCause = 'canonical' | 'non-canonical' | 'trailing-slash';

/** One counterexample: a concrete request and the route MLflow would dispatch it to. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly cause: ViolationCause;
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  readonly route: string;
  /** The allow patterns that match (over-grant) or the deny patterns that match (under-grant). */
  readonly patterns: readonly string[];
}

/** What one search looks for. */
export interface SearchRequest {
  readonly method: MethodModel;
  /** Per route of `method`: its operation is granted to the role. */
  readonly granted: readonly boolean[];
  /** Resource-pattern suffixes (`METHOD/path-glob`, or starting with a wildcard). */
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly overGrant: boolean;
  /** `unallowed`: granted requests not allowed; `denied`: granted requests matched by a deny (allows ignored). */
  readonly underGrant: 'none' | 'unallowed' | 'denied';
  readonly trailingSlashStripped: boolean;
  /** Stop after this many distinct (kind, cause, route) groups. */
  readonly limit: number;
  /** Supplies the automaton for a glob list (a cache can reuse its states across searches). */
  readonly automaton?: (globs: readonly string[]) => GlobAutomaton;
}

// Stand-ins for "any other character", tried in order until one is not special in the state at hand.
const ORDINARY = ['x', 'z', 'q', 'j', 'k', 'y', 'Z', 'Q', 'J', 'K', '!', '~', '(', ')', "'", ',', ';', '=', '@', '$', '&', '+', '_', ':'];

/**
 * Breadth-first search over every raw path of the surface, run in lockstep through the route templates, the
 * allow and deny globs and the path-shape tracker. Each state explores one character per class of characters
 * that act alike there, so the search is exhaustive over all paths while visiting each combination once, and
 * the first path found for a problem is a shortest one.
 */
export function searchViolations(model: SurfaceModel, request: SearchRequest): Violation[] {
  const { method: methodModel, granted } = request;
  const templates = methodModel.automaton;
  const automaton = request.automaton ?? ((globs: readonly string[]) => new GlobAutomaton(globs));
  const allow = automaton(request.allow);
  const deny = automaton(request.deny);

  let t = templates.start;
  let a = allow.start;
  let d = deny.start;
  for (const c of methodModel.method) [a, d] = [allow.step(a, c), deny.step(d, c)];
  const prefix = model.surface === 'iam' ? IAM_PATH_PREFIX : '/';
  let s = PATH_SHAPE_START;
  for (const [i, c] of [...prefix].entries()) {
    t = templates.step(t, c);
    a = allow.step(a, c);
    d = deny.step(d, c);
    if (i > 0) s = stepShape(s, c);
  }

  // The states in the order first reached (the BFS queue): tuple i of `visited` is (T, A, D, S, U, P) of state i.
  const parent: number[] = [];
  const via: string[] = [];
  const visited = new TupleSet();
  const push = (tt: number, aa: number, dd: number, ss: number, uu: number, pp: number, from: number, c: string): void => {
    if (!visited.add(tt, aa, dd, ss, uu, pp)) return;
    parent.push(from);
    via.push(c);
  };
  // On the browser surface, U counts how much of `/api/` the path has spelled (-1 once it cannot).
  push(t, a, d, s, model.surface === 'iam' ? -1 : 1, -1, -1, '');

  const witness = (i: number): string => {
    const chars: string[] = [];
    for (let k = i; k > 0; k = parent[k] as number) chars.push(via[k] as string);
    return prefix + chars.reverse().join('');
  };
  // Per template state: can a granted route, or one not granted, still match some continuation?
  const alive = aliveCache(templates, granted);
  const aliveKinds = (state: number): number => {
    let kinds = alive[state];
    if (kinds === undefined) {
      kinds = 0;
      for (const r of templates.aliveRoutes(state)) kinds |= granted[r] === true ? 1 : 2;
      alive[state] = kinds;
    }
    return kinds;
  };
  const hasGrantedAlive = (state: number): boolean => (aliveKinds(state) & 1) !== 0;
  const hasDeniedAlive = (state: number): boolean => (aliveKinds(state) & 2) !== 0;

  const found = new Map<string, Violation>();
  const report = (kind: ViolationKind, cause: ViolationCause, route: number, i: number): void => {
    // Escaped spellings are told apart by where the first escape sits, so that one search yields a
    // counterexample for each position a deny must cover.
    let path: string | undefined;
    if (cause === 'non-canonical') path = witness(i);
    const key = `${kind}|${cause}|${route}|${path === undefined ? '' : escapePosition(path)}`;
    if (found.has(key)) return;
    path ??= witness(i);
    const { operation, route: spec } = methodModel.routes[route] as (typeof methodModel.routes)[number];
    const patterns =
      kind === 'over-grant' ? allow.acceptingGlobs(visited.field(i, 1)).map((g) => request.allow[g] as string) : deny.acceptingGlobs(visited.field(i, 2)).map((g) => request.deny[g] as string);
    found.set(key, { kind, cause, method: methodModel.method, path, operation: operation.id, route: spec.path, patterns });
  };

  const reps: string[] = [];
  for (let i = 0; i < visited.size && found.size < request.limit; i++) {
    const ti = visited.field(i, 0);
    const ai = visited.field(i, 1);
    const di = visited.field(i, 2);
    const si = visited.field(i, 3);
    const pi = visited.field(i, 5);
    const shape = finalShape(si);
    if (shape !== 'malformed') {
      const allowed = allow.accepts(ai) && !deny.accepts(di);
      const target = model.dispatch(methodModel, ti, () => witness(i));
      // A path ending in `/` that MLflow, handed it without the slash, would run as an operation not granted must be
      // denied, whatever the path with the slash routes to: it is no under-grant to deny it.
      const stripped = pi >= 0 ? model.dispatch(methodModel, pi, () => witness(i).slice(0, -1)) : -1;
      const strippedUngranted = stripped >= 0 && granted[stripped] !== true;
      if (target >= 0) {
        const isGranted = granted[target] === true;
        if (!isGranted && allowed && request.overGrant) report('over-grant', shape, target, i);
        if (isGranted && shape === 'canonical' && !strippedUngranted) {
          if (request.underGrant === 'unallowed' && !allowed) report('under-grant', 'canonical', target, i);
          if (request.underGrant === 'denied' && deny.accepts(di)) report('under-grant', 'canonical', target, i);
        }
      }
      if (strippedUngranted && request.overGrant && allowed) report('over-grant', 'trailing-slash', stripped, i);
    }

    if (templates.isDead(ti) || shapeIsMalformed(si)) continue;
    const overPossible = request.overGrant && !allow.isDead(ai) && !deny.isSaturated(di) && hasDeniedAlive(ti);
    const underPossible =
      request.underGrant !== 'none' && !shapeIsNonCanonical(si) && hasGrantedAlive(ti) && (request.underGrant !== 'denied' || !deny.isDead(di));
    if (!overPossible && !underPossible) continue;

    const ui = visited.field(i, 4);
    for (const c of representatives(reps, templates.relevantChars(ti), allow.relevantChars(ai), deny.relevantChars(di), shapeClasses(si), ui >= 0 ? (IAM_PATH_PREFIX[ui] as string) : undefined)) {
      const uu = ui < 0 ? -1 : c === IAM_PATH_PREFIX[ui] ? ui + 1 : -1;
      if (uu === IAM_PATH_PREFIX.length) continue; // the IAM surface's paths: not this enforcement point's
      const pp = request.trailingSlashStripped && c === '/' ? ti : -1;
      push(templates.step(ti, c), allow.step(ai, c), deny.step(di, c), stepShape(si, c), uu, pp, i, c);
    }
  }
  return [...found.values()];
}

const ALIVE = new WeakMap<TemplateAutomaton, WeakMap<readonly boolean[], number[]>>();

/**
 * Per template state, whether a granted route and one not granted can still match (bits 1 and 2), kept for as
 * long as the automaton and the grant array live: an analysis asks many searches with the same ones.
 */
function aliveCache(templates: TemplateAutomaton, granted: readonly boolean[]): number[] {
  let byGrant = ALIVE.get(templates);
  if (byGrant === undefined) {
    byGrant = new WeakMap();
    ALIVE.set(templates, byGrant);
  }
  let alive = byGrant.get(granted);
  if (alive === undefined) {
    alive = [];
    byGrant.set(granted, alive);
  }
  return alive;
}

/** Segment index and offset of the first escaped unreserved character of a raw path (`` when none). */
function escapePosition(path: string): string {
  for (const match of path.matchAll(/%([0-9a-fA-F]{2})/g)) {
    if (/[A-Za-z0-9._~-]/.test(String.fromCharCode(parseInt(match[1] as string, 16)))) {
      const start = path.lastIndexOf('/', match.index) + 1;
      return `${path.slice(0, start).split('/').length}:${match.index - start}`;
    }
  }
  return '';
}

/**
 * One character per class of characters that all components treat alike in the current state, written into
 * `reps` (reused from state to state: the search steps millions of states and reads each list at once).
 */
function representatives(
  reps: string[],
  templateChars: readonly string[],
  allowChars: readonly string[],
  denyChars: readonly string[],
  shapeGroups: readonly (readonly string[])[],
  prefixChar: string | undefined,
): string[] {
  reps.length = 0;
  for (const c of templateChars) reps.push(c);
  for (const c of allowChars) if (!reps.includes(c)) reps.push(c);
  for (const c of denyChars) if (!reps.includes(c)) reps.push(c);
  if (prefixChar !== undefined && !reps.includes(prefixChar)) reps.push(prefixChar);
  const singles = reps.length;
  for (const group of shapeGroups) {
    for (const c of group) {
      if (!includesBefore(reps, c, singles)) {
        reps.push(c);
        break;
      }
    }
  }
  for (const other of ORDINARY) {
    if (includesBefore(reps, other, singles) || shapeGroups.some((g) => g.includes(other))) continue;
    reps.push(other);
    return reps;
  }
  throw new Error('no ordinary character left to stand for the rest');
}

function includesBefore(list: readonly string[], c: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (list[i] === c) return true;
  return false;
}
