import type { ParsedTemplate } from './template.js';
import { isLiteralSegment, literalText } from './template.js';
import { escapeRegExp } from './werkzeug-matcher.js';

// Starlette's CONVERTOR_TYPES (starlette/convertors.py): str `[^/]+`, path `.*`, int `[0-9]+`.
const CONVERTER_REGEX = { segment: '[^/]+', path: '.*', int: '[0-9]+' } as const;

/**
 * Starlette's router (starlette/routing.py) as FastAPI uses it: routes are tried in registration order against
 * the decoded path, and the first one whose regex matches and whose methods include the request's method wins.
 * A route that matches only the path is a partial match and does not stop the search, which is how requests
 * for other methods fall through to the Flask app mounted at `/`.
 */
export class StarletteMatcher<T> {
  // Routes are filed under their leading literal segments, so a request is only tested against routes whose
  // literal prefix it starts with; registration order is kept in `order` and decides between candidates.
  private readonly root = new PrefixNode<T>();
  private order = 0;

  /** Adds a route in registration order; `methods` as FastAPI declares them (no implicit HEAD). */
  add(template: ParsedTemplate, methods: readonly string[], value: T): void {
    const source = template.segments
      .map((pieces) =>
        pieces.map((p) => (p.kind === 'text' ? escapeRegExp(p.text) : `(${CONVERTER_REGEX[p.converter]})`)).join(''),
      )
      .join('/');
    let node = this.root;
    for (const pieces of template.segments) {
      if (!isLiteralSegment(pieces)) break;
      node = node.child(literalText(pieces));
    }
    node.entries.push({ order: this.order++, regex: new RegExp(`^/${source}$`, 's'), methods: new Set(methods), value });
  }

  /** Returns the value of the first route (in registration order) matching the decoded path and method. */
  match(segments: readonly string[], method: string): T | undefined {
    let best: Entry<T> | undefined;
    let path: string | undefined;
    let node: PrefixNode<T> | undefined = this.root;
    for (let i = 0; node !== undefined; i++) {
      for (const entry of node.entries) {
        if (best !== undefined && entry.order > best.order) break;
        if (!entry.methods.has(method)) continue;
        path ??= '/' + segments.join('/');
        if (entry.regex.test(path)) {
          best = entry;
          break;
        }
      }
      node = i < segments.length ? node.children.get(segments[i] as string) : undefined;
    }
    return best?.value;
  }
}

interface Entry<T> {
  readonly order: number;
  readonly regex: RegExp;
  readonly methods: ReadonlySet<string>;
  readonly value: T;
}

class PrefixNode<T> {
  readonly entries: Entry<T>[] = [];
  readonly children = new Map<string, PrefixNode<T>>();

  child(segment: string): PrefixNode<T> {
    let next = this.children.get(segment);
    if (next === undefined) {
      next = new PrefixNode<T>();
      this.children.set(segment, next);
    }
    return next;
  }
}
