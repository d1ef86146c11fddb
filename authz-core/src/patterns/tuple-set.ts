const WIDTH = 6;

/**
 * A set of six-integer tuples (the search's product states), in typed arrays with open addressing: the search
 * asks it millions of times whether a state was seen, most of them for one that was, and a Map of Sets
 * spends more on hashing and allocation there than the search spends on the states themselves.
 */
export class TupleSet {
  // Small to start with: most searches end after a few states.
  private tuples = new Int32Array(WIDTH * 32);
  private slots = new Int32Array(64).fill(-1);
  private count = 0;

  /** How many tuples the set holds. */
  get size(): number {
    return this.count;
  }

  /** Field `field` (0–5) of the `index`-th tuple added. */
  field(index: number, field: number): number {
    return this.tuples[index * WIDTH + field] as number;
  }

  /** Adds the tuple; true when it was not in the set yet. */
  add(a: number, b: number, c: number, d: number, e: number, f: number): boolean {
    const mask = this.slots.length - 1;
    let slot = hash(a, b, c, d, e, f) & mask;
    for (;;) {
      const index = this.slots[slot] as number;
      if (index < 0) break;
      const t = index * WIDTH;
      const tuples = this.tuples;
      if (tuples[t] === a && tuples[t + 1] === b && tuples[t + 2] === c && tuples[t + 3] === d && tuples[t + 4] === e && tuples[t + 5] === f) return false;
      slot = (slot + 1) & mask;
    }
    if ((this.count + 1) * WIDTH > this.tuples.length) {
      const grown = new Int32Array(this.tuples.length * 2);
      grown.set(this.tuples);
      this.tuples = grown;
    }
    const t = this.count * WIDTH;
    this.tuples[t] = a;
    this.tuples[t + 1] = b;
    this.tuples[t + 2] = c;
    this.tuples[t + 3] = d;
    this.tuples[t + 4] = e;
    this.tuples[t + 5] = f;
    this.slots[slot] = this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let index = 0; index < this.count; index++) {
      const t = index * WIDTH;
      const v = this.tuples;
      let slot = hash(v[t] as number, v[t + 1] as number, v[t + 2] as number, v[t + 3] as number, v[t + 4] as number, v[t + 5] as number) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = index;
    }
  }
}

function hash(a: number, b: number, c: number, d: number, e: number, f: number): number {
  let h = Math.imul(a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca6b);
  h = Math.imul(h ^ c, 0xc2b2ae35);
  h = Math.imul(h ^ d, 0x27d4eb2f);
  h = Math.imul(h ^ e, 0x165667b1);
  h = Math.imul(h ^ f, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
