import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the Python client plugin's unittest suite (clients/python/tests) once, at collection, and reports each
// Python test as a vitest test, so `npm test` and its summary line count them. Debian's python3-botocore,
// python3-requests and python3-pip must be installed (.ci/run installs them): without them this file fails,
// it never skips.

const PYTHON_DIR = dirname(fileURLToPath(import.meta.url));
// The suite's size when this was written; fewer means tests stopped being discovered.
const MIN_TESTS = 65;
const SUITE_TIMEOUT_MS = 5 * 60_000;

interface PythonCase {
  id: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail: string;
  seconds: number;
}

interface SuiteRun {
  python: string;
  exitCode: number | null;
  stderr: string;
  cases: PythonCase[];
}

/** The first interpreter (PYTHON, then Debian's /usr/bin/python3, then python3 on PATH) that imports botocore and requests. */
function findPython(): { python: string } | { problem: string } {
  const candidates = [...new Set([process.env['PYTHON'], '/usr/bin/python3', 'python3'].filter((c): c is string => !!c))];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import botocore, requests'], { encoding: 'utf8' });
    if (probe.status === 0) return { python: candidate };
    const why = probe.error ? 'not found' : (probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`);
    tried.push(`${candidate} (${why})`);
  }
  return {
    problem:
      `No Python with botocore and requests; tried ${tried.join(', ')}. ` +
      'Install Debian\'s packages: apt-get install -y python3-botocore python3-requests python3-pip (.ci/run does).',
  };
}

/** Runs tests/run_suite.py and reads its one-JSON-line-per-test report. */
async function runSuite(python: string): Promise<SuiteRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'py-client-tests-'));
  const report = join(reportDir, 'report.jsonl');
  try {
    const child = spawn(python, ['tests/run_suite.py', report], {
      cwd: PYTHON_DIR,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    let cases: PythonCase[] = [];
    try {
      cases = readFileSync(report, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as PythonCase);
    } catch {
      // No report: the runner died before writing it; the exit code and output below say why.
    }
    return { python, exitCode, stderr, cases };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

const found = findPython();
const run = 'python' in found ? await runSuite(found.python) : undefined;

describe('Python client plugin (clients/python, unittest)', () => {
  it('has a Python with botocore and requests', () => {
    if ('problem' in found) throw new Error(found.problem);
  });

  it(`runs at least ${MIN_TESTS} tests, all passing, none skipped`, () => {
    if (!run) throw new Error('The Python suite did not run: no Python with botocore and requests (see the test above).');
    const tail = run.stderr.slice(-4000);
    const ran = /^Ran (\d+) tests? in /m.exec(run.stderr);
    expect(ran, `unittest printed no "Ran N tests" line:\n${tail}`).not.toBeNull();
    expect(Number(ran?.[1]), `the report and unittest's count disagree:\n${tail}`).toBe(run.cases.length);
    expect(run.cases.length, `only ${run.cases.length} Python tests ran (expected at least ${MIN_TESTS})`).toBeGreaterThanOrEqual(MIN_TESTS);
    expect(run.cases.filter((c) => c.outcome === 'skipped').map((c) => c.id), 'skipped Python tests').toEqual([]);
    expect(run.exitCode, `${run.python} tests/run_suite.py exited ${run.exitCode}:\n${tail}`).toBe(0);
  });

  for (const testCase of run?.cases ?? []) {
    it(testCase.id.replace(/^tests\./, ''), () => {
      if (testCase.outcome !== 'passed') throw new Error(`${testCase.outcome}:\n${testCase.detail}`);
    });
  }
});
