import { parsedRoute } from './route-glob.js';
import type { MethodRoute } from './method-routes.js';
import { StateTransitions } from './state-transitions.js';

type Edge =
  | { readonly kind: 'char'; readonly char: string; readonly to: number }
  | { readonly kind: 'set'; readonly chars: readonly string[]; readonly to: number }
  | { readonly kind: 'not-slash'; readonly to: number }
  | { readonly kind: 'any'; readonly to: number };

/** A route template the automaton cannot model exactly; refusing it keeps the analysis sound. */
export class UnsupportedTemplateError extends Error {
  constructor(path: string, detail: string) {
    super(`cannot analyse route template ${JSON.stringify(path)}: ${detail}`);
    this.name = 'UnsupportedTemplateError';
  }
}

/**
 * The raw request paths (percent-escapes still in) each route template matches once MLflow has decoded them:
 * a literal character may be sent as itself or as any `%XX` spelling of it, `<x>` is one or more characters
 * other than `/`, `<path:x>` anything from a non-`/` character on (Starlette's `{x:path}` anything at all).
 * All routes of one method run as one automaton, determinised lazily: a state is the set of positions all
 * templates can be at, and tells which templates match the path read so far.
 */
export class TemplateAutomaton {
  private readonly edges: Edge[][] = [];
  private readonly epsilon: number[][] = [];
  private readonly owner: number[] = [];
  private readonly finalOf = new Map<number, number>();
  private readonly subsets: (readonly number[])[] = [];
  private readonly ids = new Map<string, number>();
  private readonly transitions = new StateTransitions();
  private readonly relevant: (readonly string[])[] = [];
  private readonly accepting: (readonly number[])[] = [];
  private readonly alive: (readonly number[])[] = [];
  /** The state before the path's first character (its leading `/`). */
  readonly start: number;

  constructor(readonly routes: readonly MethodRoute[]) {
    const starts = routes.map((r, i) => this.compile(r, i));
    this.start = this.intern(this.closure(starts));
  }

  /** The state after reading `c`. */
  step(state: number, c: string): number {
    let next = this.transitions.get(state, c);
    if (next === undefined) {
      const targets: number[] = [];
      for (const s of this.subsets[state] as readonly number[]) {
        for (const edge of this.edges[s] as Edge[]) if (edgeTakes(edge, c)) targets.push(edge.to);
      }
      next = this.intern(this.closure(targets));
      this.transitions.set(state, c, next);
    }
    return next;
  }

  /** True when no template can match any continuation. */
  isDead(state: number): boolean {
    return (this.subsets[state] as readonly number[]).length === 0;
  }

  /** Indices (into `routes`) of the templates matching exactly the path read so far. */
  acceptingRoutes(state: number): readonly number[] {
    return this.accepting[state] as readonly number[];
  }

  /** Indices of the templates some continuation of the path read so far could still match. */
  aliveRoutes(state: number): readonly number[] {
    return this.alive[state] as readonly number[];
  }

  /** Characters that move some template differently from an ordinary character. */
  relevantChars(state: number): readonly string[] {
    return this.relevant[state] as readonly string[];
  }

  private newState(owner: number): number {
    this.edges.push([]);
    this.epsilon.push([]);
    this.owner.push(owner);
    return this.edges.length - 1;
  }

  private compile(methodRoute: MethodRoute, index: number): number {
    const { route } = methodRoute;
    const template = parsedRoute(route);
    const start = this.newState(index);
    let at = start;
    const literal = (c: string): void => {
      const code = c.codePointAt(0) as number;
      if (code > 0x7e || code < 0x20 || c === '%') throw new UnsupportedTemplateError(route.path, `literal character ${JSON.stringify(c)}`);
      const next = this.newState(index);
      (this.edges[at] as Edge[]).push({ kind: 'char', char: c, to: next });
      if (c !== '/') {
        // MLflow decodes the path once before routing, so `%73` reaches a literal `s`.
        const hex = code.toString(16).padStart(2, '0');
        const afterPercent = this.newState(index);
        const afterHigh = this.newState(index);
        (this.edges[at] as Edge[]).push({ kind: 'char', char: '%', to: afterPercent });
        (this.edges[afterPercent] as Edge[]).push({ kind: 'set', chars: caseVariants(hex[0] as string), to: afterHigh });
        (this.edges[afterHigh] as Edge[]).push({ kind: 'set', chars: caseVariants(hex[1] as string), to: next });
      }
      at = next;
    };
    for (const pieces of template.segments) {
      literal('/');
      for (const piece of pieces) {
        if (piece.kind === 'text') {
          for (const c of piece.text) literal(c);
          continue;
        }
        const next = this.newState(index);
        if (piece.converter === 'segment') {
          (this.edges[at] as Edge[]).push({ kind: 'not-slash', to: next });
          (this.edges[next] as Edge[]).push({ kind: 'not-slash', to: next });
        } else if (piece.converter === 'path' && route.engine === 'flask') {
          // Werkzeug's path converter: `[^/].*?`.
          (this.edges[at] as Edge[]).push({ kind: 'not-slash', to: next });
          (this.edges[next] as Edge[]).push({ kind: 'any', to: next });
        } else if (piece.converter === 'path') {
          // Starlette's path convertor: `.*`, empty included.
          (this.epsilon[at] as number[]).push(next);
          (this.edges[next] as Edge[]).push({ kind: 'any', to: next });
        } else {
          throw new UnsupportedTemplateError(route.path, `converter ${piece.converter}`);
        }
        at = next;
      }
    }
    this.finalOf.set(at, index);
    return start;
  }

  private closure(states: readonly number[]): number[] {
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.epsilon[s] as number[]));
    }
    return [...seen].sort((a, b) => a - b);
  }

  private intern(subset: readonly number[]): number {
    const key = subset.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.subsets.length;
      this.ids.set(key, id);
      this.subsets.push(subset);
      const chars = new Set<string>();
      const accepting = new Set<number>();
      const alive = new Set<number>();
      for (const s of subset) {
        alive.add(this.owner[s] as number);
        const route = this.finalOf.get(s);
        if (route !== undefined) accepting.add(route);
        for (const edge of this.edges[s] as Edge[]) {
          if (edge.kind === 'char') chars.add(edge.char);
          else if (edge.kind === 'set') for (const c of edge.chars) chars.add(c);
          else if (edge.kind === 'not-slash') chars.add('/');
        }
      }
      this.relevant.push([...chars].sort());
      this.accepting.push([...accepting].sort((a, b) => a - b));
      this.alive.push([...alive].sort((a, b) => a - b));
    }
    return id;
  }
}

function edgeTakes(edge: Edge, c: string): boolean {
  switch (edge.kind) {
    case 'char':
      return edge.char === c;
    case 'set':
      return edge.chars.includes(c);
    case 'not-slash':
      return c !== '/';
    case 'any':
      return true;
  }
}

function caseVariants(hexDigit: string): readonly string[] {
  return [...new Set([hexDigit.toUpperCase(), hexDigit.toLowerCase()])];
}
