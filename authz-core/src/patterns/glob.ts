/** One token of an IAM resource glob: `*` any run of characters, `?` one character, anything else itself. */
export type GlobToken = { readonly kind: 'star' } | { readonly kind: 'any' } | { readonly kind: 'char'; readonly char: string };

const STAR: GlobToken = Object.freeze({ kind: 'star' });
const ANY: GlobToken = Object.freeze({ kind: 'any' });

/** Splits a glob into tokens (by code point, as IAM counts characters). */
export function parseGlob(glob: string): readonly GlobToken[] {
  return [...glob].map((c) => (c === '*' ? STAR : c === '?' ? ANY : { kind: 'char', char: c }));
}

const REGEXES = new Map<string, RegExp>();

/** True when `value` is matched whole by `glob` under IAM's wildcard rules. */
export function globMatches(glob: string, value: string): boolean {
  let regex = REGEXES.get(glob);
  if (regex === undefined) {
    const source = parseGlob(glob)
      .map((t) => (t.kind === 'star' ? '[^]*' : t.kind === 'any' ? '[^]' : t.char.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'u');
    if (REGEXES.size > 10_000) REGEXES.clear();
    REGEXES.set(glob, regex);
  }
  return regex.test(value);
}

/**
 * Several globs run side by side as one automaton: a state is the set of positions every glob can be at after
 * the characters read so far. States are interned to small numbers and their transitions cached, so that a
 * search over many strings pays for each distinct state once.
 */
export class GlobAutomaton {
  private readonly tokens: readonly (readonly GlobToken[])[];
  private readonly states: (readonly number[])[] = [];
  private readonly ids = new Map<string, number>();
  private readonly transitions: Map<string, number>[] = [];
  private readonly relevant: (readonly string[])[] = [];
  private readonly accepting: (readonly number[])[] = [];
  private readonly saturated: boolean[] = [];
  private readonly stride: number;
  /** The state before anything is read. */
  readonly start: number;

  constructor(readonly globs: readonly string[]) {
    this.tokens = globs.map(parseGlob);
    this.stride = Math.max(1, ...this.tokens.map((t) => t.length + 1));
    this.start = this.intern(this.closure(this.tokens.map((_, g) => g * this.stride)));
  }

  /** The state after reading `c` in `state`. */
  step(state: number, c: string): number {
    const cache = this.transitions[state] as Map<string, number>;
    let next = cache.get(c);
    if (next === undefined) {
      const positions: number[] = [];
      for (const encoded of this.states[state] as readonly number[]) {
        const g = Math.floor(encoded / this.stride);
        const token = (this.tokens[g] as readonly GlobToken[])[encoded % this.stride];
        if (token === undefined) continue;
        if (token.kind === 'star') positions.push(encoded);
        else if (token.kind === 'any' || token.char === c) positions.push(encoded + 1);
      }
      next = this.intern(this.closure(positions));
      cache.set(c, next);
    }
    return next;
  }

  /** True when some glob matches the whole string read so far. */
  accepts(state: number): boolean {
    return (this.accepting[state] as readonly number[]).length > 0;
  }

  /** Indices of globs that match the whole string read so far (in a saturated state, the saturating ones). */
  acceptingGlobs(state: number): readonly number[] {
    return this.accepting[state] as readonly number[];
  }

  /** True when some glob matches every continuation (it is at a trailing `*`): the rest cannot matter. */
  isSaturated(state: number): boolean {
    return this.saturated[state] as boolean;
  }

  /** True when no glob can match any continuation. */
  isDead(state: number): boolean {
    return (this.states[state] as readonly number[]).length === 0;
  }

  /** Characters some glob expects literally next; every other character moves this state the same way. */
  relevantChars(state: number): readonly string[] {
    return this.relevant[state] as readonly string[];
  }

  private closure(positions: readonly number[]): number[] {
    const seen = new Set<number>();
    const stack = [...positions];
    while (stack.length > 0) {
      const encoded = stack.pop() as number;
      if (seen.has(encoded)) continue;
      seen.add(encoded);
      const token = (this.tokens[Math.floor(encoded / this.stride)] as readonly GlobToken[])[encoded % this.stride];
      if (token?.kind === 'star') stack.push(encoded + 1);
    }
    return [...seen].sort((a, b) => a - b);
  }

  private intern(all: readonly number[]): number {
    // Once a glob sits at a trailing `*` it matches whatever follows, so the other globs' progress is moot:
    // keeping only the saturated globs merges states that can never be told apart.
    const saturating = all.filter((encoded) => this.saturates(encoded));
    const positions = saturating.length > 0 ? saturating : all;
    const key = positions.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.ids.set(key, id);
      this.states.push(positions);
      this.transitions.push(new Map());
      const chars = new Set<string>();
      const accepting: number[] = [];
      for (const encoded of positions) {
        const g = Math.floor(encoded / this.stride);
        const tokens = this.tokens[g] as readonly GlobToken[];
        const token = tokens[encoded % this.stride];
        if (token === undefined || saturating.length > 0) accepting.push(g);
        else if (token.kind === 'char') chars.add(token.char);
      }
      this.relevant.push(saturating.length > 0 ? [] : [...chars].sort());
      this.accepting.push([...new Set(accepting)].sort((a, b) => a - b));
      this.saturated.push(saturating.length > 0);
    }
    return id;
  }

  private saturates(encoded: number): boolean {
    const tokens = this.tokens[Math.floor(encoded / this.stride)] as readonly GlobToken[];
    const position = encoded % this.stride;
    return position < tokens.length && tokens.slice(position).every((t) => t.kind === 'star');
  }
}
