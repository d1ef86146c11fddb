import { describe, expect, it } from 'vitest';
import type { SummarizedModule } from './summary-reporter.js';
import { summarize, summaryLine } from './summary-reporter.js';

function module(state: string, tests: readonly string[]): SummarizedModule {
  return { state: () => state as ReturnType<SummarizedModule['state']>, children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) } };
}

describe('the summary line', () => {
  it('counts passed, failed and skipped (skip, todo, pending) cases', () => {
    const summary = summarize([module('passed', ['passed', 'passed', 'skipped']), module('failed', ['passed', 'failed', 'pending'])], []);
    expect(summary).toEqual({ passed: 3, failed: 1, skipped: 2 });
    expect(summaryLine(summary)).toBe('3 passed, 1 failed, 2 skipped');
  });

  it('counts a file that failed outside its tests, and each unhandled error, as a failure', () => {
    expect(summarize([module('failed', []), module('failed', ['skipped'])], [new Error('late')])).toEqual({ passed: 0, failed: 3, skipped: 1 });
    expect(summarize([module('failed', ['failed', 'failed'])], [])).toEqual({ passed: 0, failed: 2, skipped: 0 });
  });
});
