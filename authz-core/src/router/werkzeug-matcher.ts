import type { ParsedTemplate, Piece } from './template.js';
import { isLiteralSegment, literalText } from './template.js';

/**
 * A re-implementation of Werkzeug's StateMachineMatcher (werkzeug/routing/matcher.py, Werkzeug 3), the
 * router behind Flask: at every segment the static transition is tried first, then the dynamic ones in
 * Werkzeug's weight order, with backtracking; a rule whose methods do not include the request's method does
 * not match, so matching backtracks to the next alternative. A path converter makes the rest of the rule one
 * "final" part matched as a whole.
 */
export class WerkzeugMatcher<T> {
  private readonly root = new State<T>();

  /** Adds a rule; `methods` should already include HEAD for GET rules. */
  add(template: ParsedTemplate, methods: readonly string[], value: T): void {
    let state = this.root;
    const segments = template.segments;
    for (let i = 0; i < segments.length; i++) {
      const pieces = segments[i] as readonly Piece[];
      if (isLiteralSegment(pieces)) {
        state = state.staticChild(literalText(pieces));
        continue;
      }
      const final = segments.slice(i).some((s) => s.some((p) => p.kind === 'param' && p.converter === 'path'));
      const partPieces = final ? joinSegments(segments.slice(i)) : pieces;
      state = state.dynamicChild(new DynamicPart(partPieces, final));
      if (final) break;
    }
    state.rules.push({ methods: new Set(methods), value });
  }

  /** Returns the value of the rule Werkzeug would dispatch to for these decoded segments, or undefined. */
  match(segments: readonly string[], method: string): T | undefined {
    return this.root.match(segments, 0, method);
  }
}

interface Rule<T> {
  readonly methods: ReadonlySet<string>;
  readonly value: T;
}

class State<T> {
  readonly static = new Map<string, State<T>>();
  readonly dynamic: { part: DynamicPart; next: State<T> }[] = [];
  readonly rules: Rule<T>[] = [];

  staticChild(text: string): State<T> {
    let next = this.static.get(text);
    if (next === undefined) {
      next = new State<T>();
      this.static.set(text, next);
    }
    return next;
  }

  dynamicChild(part: DynamicPart): State<T> {
    const existing = this.dynamic.find((d) => d.part.key === part.key);
    if (existing !== undefined) return existing.next;
    const next = new State<T>();
    this.dynamic.push({ part, next });
    this.dynamic.sort((a, b) => compareWeights(a.part.weight, b.part.weight));
    return next;
  }

  match(segments: readonly string[], index: number, method: string): T | undefined {
    if (index === segments.length) {
      for (const rule of this.rules) if (rule.methods.has(method)) return rule.value;
      return undefined;
    }
    const segment = segments[index] as string;
    const next = this.static.get(segment);
    if (next !== undefined) {
      const found = next.match(segments, index + 1, method);
      if (found !== undefined) return found;
    }
    for (const { part, next: dynamicNext } of this.dynamic) {
      if (part.final) {
        if (part.regex.test(segments.slice(index).join('/'))) {
          const found = dynamicNext.match(segments, segments.length, method);
          if (found !== undefined) return found;
        }
      } else if (part.regex.test(segment)) {
        const found = dynamicNext.match(segments, index + 1, method);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

// Werkzeug's converter regexes (werkzeug/routing/converters.py) and weights (BaseConverter 100, PathConverter
// 200, NumberConverter 50).
const CONVERTER_REGEX = { segment: '[^/]+', path: '[^/].*?', int: '\\d+' } as const;
const CONVERTER_WEIGHT = { segment: 100, path: 200, int: 50 } as const;

/** Werkzeug's `Weighting(-len(static), static, -len(args), args)`, flattened for comparison. */
type Weight = readonly number[];

class DynamicPart {
  readonly regex: RegExp;
  readonly key: string;
  readonly weight: Weight;

  constructor(
    pieces: readonly Piece[],
    readonly final: boolean,
  ) {
    const source = pieces
      .map((p) => (p.kind === 'text' ? escapeRegExp(p.text) : `(${CONVERTER_REGEX[p.converter]})`))
      .join('');
    this.regex = new RegExp(`^${source}$`, 's');
    this.key = `${final ? 'final' : 'part'}:${source}`;
    // Werkzeug counts the literal pieces between converters (not the `/` separators of a final part), each as
    // (ordinal, -length), and the converters' weights.
    const statics: number[] = [];
    const args: number[] = [];
    for (const p of pieces) {
      if (p.kind === 'param') args.push(CONVERTER_WEIGHT[p.converter]);
      else if (p.text !== '/') statics.push(statics.length / 2, -p.text.length);
    }
    this.weight = [-statics.length / 2, ...statics, -args.length, ...args];
  }
}

function joinSegments(segments: readonly (readonly Piece[])[]): Piece[] {
  const joined: Piece[] = [];
  segments.forEach((pieces, i) => {
    if (i > 0) joined.push({ kind: 'text', text: '/' });
    joined.push(...pieces);
  });
  return joined;
}

function compareWeights(a: Weight, b: Weight): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Escapes a string for literal use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
