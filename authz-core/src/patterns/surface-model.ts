import type { Operation, RouteSpec } from '../catalogue/types.js';
import { Router } from '../router/router.js';
import type { MethodRoute } from './method-routes.js';
import { routedMethods, routesAnswering } from './method-routes.js';
import { canonicalSpelling } from './mlflow-path.js';
import type { Surface } from './surface.js';
import { routeOnSurface } from './surface.js';
import { TemplateAutomaton } from './template-automaton.js';

/** The analysis model's reading of a path disagreed with the router: a bug here, so nothing is concluded. */
export class ModelMismatchError extends Error {
  constructor(method: string, path: string, detail: string) {
    super(`pattern analysis disagrees with the router on ${method} ${path}: ${detail}`);
    this.name = 'ModelMismatchError';
  }
}

/** Everything about one method that does not depend on a role: its routes and their automaton. */
export interface MethodModel {
  readonly method: string;
  readonly routes: readonly MethodRoute[];
  readonly automaton: TemplateAutomaton;
  /** Per route (index into `routes`): served through the surface analysed. */
  readonly onSurface: readonly boolean[];
  readonly routeIndex: ReadonlyMap<RouteSpec, number>;
  readonly dispatchCache: Map<number, number>;
}

const MODELS = new WeakMap<readonly Operation[], Map<Surface, SurfaceModel>>();

/**
 * The role-independent part of the analysis for one catalogue and surface: per method, the template automaton
 * and which route each of its accepting states dispatches to. The dispatch is asked of the router itself,
 * once per automaton state, with a witness path (MLflow runs the first route, in its fixed priority order,
 * among those whose template matches, so every path reaching a state dispatches alike).
 */
export class SurfaceModel {
  readonly methods: readonly MethodModel[];
  private readonly router: Router;

  private constructor(
    readonly catalogue: readonly Operation[],
    readonly surface: Surface,
  ) {
    this.router = new Router(catalogue);
    this.methods = routedMethods(catalogue).map((method) => {
      const routes = routesAnswering(catalogue, method);
      return {
        method,
        routes,
        automaton: new TemplateAutomaton(routes),
        onSurface: routes.map((r) => routeOnSurface(r.route, surface)),
        routeIndex: new Map(routes.map((r, i) => [r.route, i])),
        dispatchCache: new Map(),
      };
    });
  }

  /** The shared model for a catalogue and surface (built once, then reused). */
  static of(catalogue: readonly Operation[], surface: Surface): SurfaceModel {
    let bySurface = MODELS.get(catalogue);
    if (bySurface === undefined) {
      bySurface = new Map();
      MODELS.set(catalogue, bySurface);
    }
    let model = bySurface.get(surface);
    if (model === undefined) {
      model = new SurfaceModel(catalogue, surface);
      bySurface.set(surface, model);
    }
    return model;
  }

  /** The route (index into `model.routes`) the router dispatches a canonical `path` to, or -1 for none. */
  routeOf(model: MethodModel, path: string): number {
    const result = this.router.route(model.method, path);
    return result.kind === 'operation' ? (model.routeIndex.get(result.route) ?? -1) : -1;
  }

  /** The route (index) MLflow dispatches every path ending in automaton `state` to, or -1 for none. */
  dispatch(model: MethodModel, state: number, witness: () => string): number {
    const accepting = model.automaton.acceptingRoutes(state);
    if (accepting.length === 0) return -1;
    let route = model.dispatchCache.get(state);
    if (route === undefined) {
      const path = witness();
      const result = this.router.route(model.method, canonicalSpelling(path));
      if (result.kind !== 'operation') throw new ModelMismatchError(model.method, path, `templates match but the router says ${result.kind}`);
      route = model.routeIndex.get(result.route) ?? -1;
      if (!accepting.includes(route)) throw new ModelMismatchError(model.method, path, `the router chose ${result.route.path}, whose template the model does not match`);
      model.dispatchCache.set(state, route);
    }
    return route;
  }
}
