import { GlobAutomaton } from './glob.js';

// A character no glob here treats specially stands for all such characters.
function ordinary(relevant: ReadonlySet<string>): string {
  for (let code = 0x21; ; code++) {
    const c = String.fromCodePoint(code);
    if (!relevant.has(c)) return c;
  }
}

/** Searches all strings for one the first automaton state pair predicate accepts. */
function someString(first: GlobAutomaton, second: GlobAutomaton, found: (a: number, b: number) => boolean, prune: (a: number, b: number) => boolean): boolean {
  const seen = new Set<string>();
  const queue: [number, number][] = [[first.start, second.start]];
  for (let next = 0; next < queue.length; next++) {
    const [a, b] = queue[next] as [number, number];
    const key = `${a},${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (found(a, b)) return true;
    if (prune(a, b)) continue;
    const relevant = new Set([...first.relevantChars(a), ...second.relevantChars(b)]);
    for (const c of [...relevant, ordinary(relevant)]) queue.push([first.step(a, c), second.step(b, c)]);
  }
  return false;
}

/** True when every string `inner` matches is matched by `outer` too. */
export function globIncluded(inner: string, outer: string): boolean {
  // Quick refusals: outer's literal ends must be literal ends of inner as well.
  const head = outer.split(/[*?]/)[0] as string;
  const tail = outer.split(/[*?]/).pop() as string;
  if (!inner.startsWith(head) || /[*?]/.test(inner.slice(0, head.length))) return false;
  if (!inner.endsWith(tail) || /[*?]/.test(inner.slice(inner.length - tail.length))) return false;
  const i = new GlobAutomaton([inner]);
  const o = new GlobAutomaton([outer]);
  return !someString(i, o, (a, b) => i.accepts(a) && !o.accepts(b), (a) => i.isDead(a));
}

/** True when some string is matched both by `glob` and by one of `others`. */
export function globsIntersect(glob: string, others: readonly string[]): boolean {
  if (others.length === 0) return false;
  const g = new GlobAutomaton([glob]);
  const o = new GlobAutomaton(others);
  return someString(g, o, (a, b) => g.accepts(a) && o.accepts(b), (a, b) => g.isDead(a) || o.isDead(b));
}
