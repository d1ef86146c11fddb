import type { Reporter, TestModule } from 'vitest/node';

/** The counts of the summary line. */
export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** The part of a test module the summary reads (vitest's `TestModule` has it). */
export type SummarizedModule = Pick<TestModule, 'state'> & { readonly children: { allTests(): Iterable<{ result(): { readonly state: string } }> } };

/**
 * Counts every test case of a run: passed, failed, skipped (`.skip`, `.todo`, `skipIf`, or skipped at run time).
 * A file that fails outside its tests (an import, a beforeAll) counts as one failure, so the line never hides it;
 * so does each unhandled error.
 */
export function summarize(testModules: readonly SummarizedModule[], unhandledErrors: readonly unknown[]): Summary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    if (module.state() === 'failed' && failedHere === 0) failedHere = 1;
    failed += failedHere;
  }
  return { passed, failed: failed + unhandledErrors.length, skipped };
}

/** The summary line: `N passed, N failed, N skipped`. */
export function summaryLine(summary: Summary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

/** Prints the last line CI looks for: `N passed, N failed, N skipped` over every test case of the run. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly unknown[]): void {
    process.stdout.write(`\n${summaryLine(summarize(testModules, unhandledErrors))}\n`);
  }
}
