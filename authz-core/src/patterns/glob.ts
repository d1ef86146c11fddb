import { StateTransitions } from './state-transitions.js';

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
  private readonly transitions = new StateTransitions();
  /** Per encoded position: where the run of `*` starting there ends (the first position that is not a `*`). */
  private readonly runEnd: Int32Array;
  /** Per glob: the first position from which only `*` follow to the end (its length when it does not end in `*`). */
  private readonly saturatedFrom: Int32Array;
  private readonly relevant: (readonly string[])[] = [];
  private readonly accepting: (readonly number[])[] = [];
  private readonly saturated: boolean[] = [];
  private readonly stride: number;
  /** The state before anything is read. */
  readonly start: number;

  constructor(readonly globs: readonly string[]) {
    this.tokens = globs.map(parseGlob);
    this.stride = Math.max(1, ...this.tokens.map((t) => t.length + 1));
    this.runEnd = new Int32Array(this.tokens.length * this.stride);
    this.saturatedFrom = new Int32Array(this.tokens.length);
    this.tokens.forEach((tokens, g) => {
      const base = g * this.stride;
      this.runEnd[base + tokens.length] = base + tokens.length;
      for (let i = tokens.length - 1; i >= 0; i--) this.runEnd[base + i] = tokens[i]?.kind === 'star' ? (this.runEnd[base + i + 1] as number) : base + i;
      let from = tokens.length;
      while (from > 0 && tokens[from - 1]?.kind === 'star') from--;
      this.saturatedFrom[g] = tokens.length > 0 && tokens[tokens.length - 1]?.kind === 'star' ? from : tokens.length;
    });
    this.start = this.intern(this.closure(this.tokens.map((_, g) => g * this.stride)));
  }

  /** The state after reading `c` in `state`. */
  step(state: number, c: string): number {
    let next = this.transitions.get(state, c);
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
      this.transitions.set(state, c, next);
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

  /**
   * The positions reachable from `positions` (in ascending order, repeats allowed) by skipping `*`s, ascending
   * and without repeats. From each position that is a contiguous run up to the first token that is not a `*`;
   * runs of ascending positions of one glob end in ascending order, so merging them is one pass.
   */
  private closure(positions: readonly number[]): number[] {
    const reached: number[] = [];
    let last = -1;
    for (const position of positions) {
      const end = this.runEnd[position] as number;
      for (let p = Math.max(position, last + 1); p <= end; p++) reached.push(p);
      if (end > last) last = end;
    }
    return reached;
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
    const g = Math.floor(encoded / this.stride);
    const position = encoded % this.stride;
    return position >= (this.saturatedFrom[g] as number) && position < (this.tokens[g] as readonly GlobToken[]).length;
  }
}
