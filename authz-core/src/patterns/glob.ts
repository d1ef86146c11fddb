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
  private readonly states: (readonly number[])[] = [];
  /** Interned states by a hash of their positions (a list of ids per hash): no key string per lookup. */
  private readonly ids = new Map<number, number[]>();
  private readonly transitions = new StateTransitions();
  // Per encoded position (glob index × stride + token index), flat so that stepping reads no token objects:
  /** Token kind: END past the glob's last token, else STAR, ANY or CHAR. */
  private readonly kind: Uint8Array;
  /** The character of a CHAR token. */
  private readonly char: string[];
  /** The glob the position belongs to. */
  private readonly globOf: Int32Array;
  /** Where the run of `*` starting there ends (the first position that is not a `*`). */
  private readonly runEnd: Int32Array;
  /** 1 when the glob sits at a trailing `*` there: it matches whatever follows. */
  private readonly saturatesAt: Uint8Array;
  private readonly relevant: (readonly string[])[] = [];
  private readonly accepting: (readonly number[])[] = [];
  private readonly saturated: boolean[] = [];
  /** The state before anything is read. */
  readonly start: number;

  constructor(readonly globs: readonly string[]) {
    const tokens = globs.map(parseGlob);
    const stride = Math.max(1, ...tokens.map((t) => t.length + 1));
    const size = tokens.length * stride;
    this.kind = new Uint8Array(size);
    this.char = new Array<string>(size).fill('');
    this.globOf = new Int32Array(size);
    this.runEnd = new Int32Array(size);
    this.saturatesAt = new Uint8Array(size);
    tokens.forEach((list, g) => {
      const base = g * stride;
      for (let i = 0; i <= list.length; i++) this.globOf[base + i] = g;
      list.forEach((token, i) => {
        this.kind[base + i] = token.kind === 'star' ? STAR_KIND : token.kind === 'any' ? ANY_KIND : CHAR_KIND;
        if (token.kind === 'char') this.char[base + i] = token.char;
      });
      this.runEnd[base + list.length] = base + list.length;
      for (let i = list.length - 1; i >= 0; i--) this.runEnd[base + i] = list[i]?.kind === 'star' ? (this.runEnd[base + i + 1] as number) : base + i;
      let from = list.length;
      while (from > 0 && list[from - 1]?.kind === 'star') from--;
      // A glob ending in `*` saturates from its trailing run of `*` on (not past its end).
      if (list.length > 0 && list[list.length - 1]?.kind === 'star') for (let i = from; i < list.length; i++) this.saturatesAt[base + i] = 1;
    });
    this.start = this.intern(this.closure(tokens.map((_, g) => g * stride)));
  }

  /** The state after reading `c` in `state`. */
  step(state: number, c: string): number {
    let next = this.transitions.get(state, c);
    if (next === undefined) {
      const positions: number[] = [];
      const kind = this.kind;
      for (const encoded of this.states[state] as readonly number[]) {
        const k = kind[encoded];
        if (k === STAR_KIND) positions.push(encoded);
        else if (k === ANY_KIND || (k === CHAR_KIND && this.char[encoded] === c)) positions.push(encoded + 1);
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
    let saturating = 0;
    for (const encoded of all) saturating += this.saturatesAt[encoded] as number;
    const positions = saturating > 0 ? all.filter((encoded) => this.saturatesAt[encoded] === 1) : all;
    const hash = hashPositions(positions);
    let bucket = this.ids.get(hash);
    if (bucket !== undefined) {
      for (const id of bucket) if (samePositions(this.states[id] as readonly number[], positions)) return id;
    } else {
      bucket = [];
      this.ids.set(hash, bucket);
    }
    const id = this.states.length;
    bucket.push(id);
    this.states.push(positions);
    const chars = new Set<string>();
    const accepting: number[] = [];
    for (const encoded of positions) {
      const k = this.kind[encoded];
      if (k === END_KIND || saturating > 0) accepting.push(this.globOf[encoded] as number);
      else if (k === CHAR_KIND) chars.add(this.char[encoded] as string);
    }
    this.relevant.push(saturating > 0 ? [] : [...chars].sort());
    this.accepting.push([...new Set(accepting)].sort((a, b) => a - b));
    this.saturated.push(saturating > 0);
    return id;
  }
}

const END_KIND = 0;
const STAR_KIND = 1;
const ANY_KIND = 2;
const CHAR_KIND = 3;

function hashPositions(positions: readonly number[]): number {
  let h = positions.length;
  for (const p of positions) h = Math.imul(h ^ p, 0x9e3779b1) ^ (h >>> 15);
  return h;
}

function samePositions(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
