const SHORT = 8;

/**
 * The transitions an automaton has computed so far, by state and character. A search steps states millions of
 * times, most with a handful of characters: those keep a short list, scanned; a state stepped with more
 * characters (the start of a surface, where every route's first letter counts) gets a table by character
 * code, so that lookups stay cheap without allocating a table for every state.
 */
export class StateTransitions {
  private readonly chars: (string[] | undefined)[] = [];
  private readonly targets: (number[] | undefined)[] = [];
  private readonly tables: (Int32Array | undefined)[] = [];
  private readonly wide: (Map<string, number> | undefined)[] = [];

  /** The state after `c` in `state`, if computed. */
  get(state: number, c: string): number | undefined {
    const table = this.tables[state];
    if (table !== undefined) {
      const code = c.charCodeAt(0);
      if (code < 128 && c.length === 1) {
        const next = table[code] as number;
        return next < 0 ? undefined : next;
      }
      return this.wide[state]?.get(c);
    }
    const chars = this.chars[state];
    if (chars === undefined) return undefined;
    const i = chars.indexOf(c);
    return i < 0 ? undefined : (this.targets[state] as number[])[i];
  }

  /** Records that `c` leads from `state` to `next`. */
  set(state: number, c: string, next: number): void {
    if (this.tables[state] === undefined) {
      let chars = this.chars[state];
      if (chars === undefined) {
        chars = [];
        this.chars[state] = chars;
        this.targets[state] = [];
      }
      if (chars.length < SHORT) {
        chars.push(c);
        (this.targets[state] as number[]).push(next);
        return;
      }
      this.tables[state] = new Int32Array(128).fill(-1);
      chars.forEach((known, i) => this.setWide(state, known, (this.targets[state] as number[])[i] as number));
      this.chars[state] = undefined;
      this.targets[state] = undefined;
    }
    this.setWide(state, c, next);
  }

  private setWide(state: number, c: string, next: number): void {
    const code = c.charCodeAt(0);
    if (code < 128 && c.length === 1) {
      (this.tables[state] as Int32Array)[code] = next;
      return;
    }
    let map = this.wide[state];
    if (map === undefined) {
      map = new Map();
      this.wide[state] = map;
    }
    map.set(c, next);
  }
}
