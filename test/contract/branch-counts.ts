// How often each branch of a property was exercised, so that a property that checked nothing (or only one kind of
// case) is noticed: the proofs assert minimums per branch (test/README.md).

/** Counts of the branches a property took. */
export class BranchCounts {
  private readonly seen = new Map<string, number>();

  /** Counts one occurrence of `branch`. */
  count(branch: string): void {
    this.seen.set(branch, (this.seen.get(branch) ?? 0) + 1);
  }

  /** How often `branch` occurred. */
  of(branch: string): number {
    return this.seen.get(branch) ?? 0;
  }

  /** Every branch seen, with its count, for a run's summary line. */
  toString(): string {
    return [...this.seen].sort().map(([b, n]) => `${b} ${n}`).join(', ');
  }
}
