import type { Operation } from '../catalogue/types.js';
import { GlobAutomaton, globMatches } from './glob.js';
import type { PatternRequest } from './pattern-set.js';
import { sampleInstance } from './route-glob.js';
import type { Violation } from './search.js';
import { searchViolations } from './search.js';
import type { MethodModel } from './surface-model.js';
import { SurfaceModel } from './surface-model.js';
import { grantedRoutes } from './verify.js';

const SAFE_DENIES = new WeakMap<readonly Operation[], WeakMap<PatternRequest, Map<string, boolean>>>();

/**
 * Which denies are safe for a request, shared by the analyses of its methods: a deny's safety depends on the
 * catalogue and the whole request only, and each method's part asks about the same `*%XX*` candidates, whose
 * check searches every method.
 */
function safeDeniesOf(catalogue: readonly Operation[], request: PatternRequest): Map<string, boolean> {
  let byRequest = SAFE_DENIES.get(catalogue);
  if (byRequest === undefined) SAFE_DENIES.set(catalogue, (byRequest = new WeakMap()));
  let safe = byRequest.get(request);
  if (safe === undefined) byRequest.set(request, (safe = new Map()));
  return safe;
}

/** The searches the builder asks, for one catalogue, surface and grant set, with their answers cached. */
export class RoleAnalysis {
  readonly model: SurfaceModel;
  private readonly granted = new Map<string, boolean[]>();
  private readonly samples = new Map<string, string[]>();
  private readonly safeDenies: Map<string, boolean>;
  private readonly automata = new Map<string, GlobAutomaton>();
  /** The automaton of a glob list, shared by every search of this analysis that uses the same list. */
  readonly automaton = (globs: readonly string[]): GlobAutomaton => {
    const key = globs.join('\n');
    let automaton = this.automata.get(key);
    if (automaton === undefined) {
      if (this.automata.size >= 256) this.automata.delete(this.automata.keys().next().value as string);
      automaton = new GlobAutomaton(globs);
      this.automata.set(key, automaton);
    }
    return automaton;
  };

  constructor(
    readonly catalogue: readonly Operation[],
    readonly request: PatternRequest,
  ) {
    this.model = SurfaceModel.of(catalogue, request.surface);
    this.safeDenies = safeDeniesOf(catalogue, request);
  }

  /** The model of `method`, or undefined when no route answers it. */
  method(method: string): MethodModel | undefined {
    return this.model.methods.find((m) => m.method === method);
  }

  /** Per route of `method`: its operation is granted. */
  grantedRoutes(method: MethodModel): readonly boolean[] {
    let granted = this.granted.get(method.method);
    if (granted === undefined) {
      granted = grantedRoutes(method, this.request.granted);
      this.granted.set(method.method, granted);
    }
    return granted;
  }

  /** Requests `allow` lets through (despite `deny`) that MLflow would dispatch to a route not granted. */
  overGrants(method: MethodModel, allow: readonly string[], deny: readonly string[], limit = 64): Violation[] {
    return searchViolations(this.model, {
      method,
      granted: this.grantedRoutes(method),
      allow,
      deny,
      overGrant: true,
      underGrant: 'none',
      trailingSlashStripped: this.request.trailingSlashStripped !== false,
      limit,
      automaton: this.automaton,
    });
  }

  /** True when `deny` matches no canonical request for a granted route, for any method. */
  denySafe(deny: string): boolean {
    let safe = this.safeDenies.get(deny);
    if (safe === undefined) {
      safe = this.model.methods.every((method) => {
        const quickly = this.sampleInstances(method).some((path) => globMatches(deny, method.method + path));
        return !quickly && this.deniedGranted(method, deny, 1).length === 0;
      });
      this.safeDenies.set(deny, safe);
    }
    return safe;
  }

  /** The granted routes of `method` with a canonical request `deny` matches, one shortest such request each. */
  lostBy(method: MethodModel, deny: string): Violation[] {
    return this.deniedGranted(method, deny, method.routes.length);
  }

  // Canonical requests of granted routes that `deny` matches (up to `limit` routes). A request the trailing-slash
  // guard must deny anyway (its path without the slash runs an operation not granted) is not lost to it.
  private deniedGranted(method: MethodModel, deny: string, limit: number): Violation[] {
    return searchViolations(this.model, {
      method,
      granted: this.grantedRoutes(method),
      allow: [],
      deny: [deny],
      overGrant: false,
      underGrant: 'denied',
      trailingSlashStripped: this.request.trailingSlashStripped !== false,
      limit,
      automaton: this.automaton,
    });
  }

  /**
   * One request per route of the surface the role may not call (and that really reaches that route): a
   * quick lower bound on what a broad allow would need denied.
   */
  deniedSamples(method: MethodModel): readonly string[] {
    const key = `denied ${method.method}`;
    let samples = this.samples.get(key);
    if (samples === undefined) {
      const granted = this.grantedRoutes(method);
      samples = method.routes.flatMap((r, i) => {
        if (granted[i] === true || method.onSurface[i] !== true) return [];
        const path = sampleInstance(r.route);
        return this.model.routeOf(method, path) === i ? [path] : [];
      });
      this.samples.set(key, samples);
    }
    return samples;
  }

  private sampleInstances(method: MethodModel): string[] {
    let samples = this.samples.get(method.method);
    if (samples === undefined) {
      const granted = this.grantedRoutes(method);
      samples = method.routes.filter((_, i) => granted[i] === true).map((r) => sampleInstance(r.route));
      this.samples.set(method.method, samples);
    }
    return samples;
  }
}
