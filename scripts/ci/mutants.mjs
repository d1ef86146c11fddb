#!/usr/bin/env node
// Shows that the suite's oracles catch deliberately injected bugs: each mutant edits source files of a temporary
// copy of the checkout (scripts/ci/temporary-copy.mjs; each edit must apply exactly once), then runs test files that
// must now fail, each with a finding of the kind named (not, say, a crash at import).
//
//   router      authz-core's Werkzeug matcher tries the template transitions before the literal one, so a
//               parameter beats a literal segment (and the all-literal fast path, which would mask that, is off):
//               caught by the reference router's cross-check (test/reference), by the authorizer's cache contract
//               (the operation in its answer, judged by test/contract's independent router) and by the parity proof.
//   method-arn  the authorizer no longer checks that the methodArn names the event's method and path: caught by
//               the authorizer's methodArn test and by the parity proof.
//
// Usage: node scripts/ci/mutants.mjs [router|method-arn ...]   (npm run test:mutants; KEEP_COPY=1 keeps the copies)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inTemporaryCopy } from './temporary-copy.mjs';

const MUTANTS = {
  router: {
    edits: {
      'authz-core/src/router/werkzeug-matcher.ts': (text) => {
        const literalFirst = `    const next = this.static.get(segment);
    if (next !== undefined) {
      const found = next.match(segments, index + 1, method);
      if (found !== undefined) return found;
    }
`;
        const end = `    return undefined;
  }
}
`;
        return replaceOnce(replaceOnce(text, literalFirst, ''), end, `${literalFirst}${end}`);
      },
      // Without this the one-lookup fast path for all-literal routes would mask the matcher's bug on them.
      'authz-core/src/router/router.ts': (text) => replaceOnce(text, 'if (this.options.literalShortcut !== false) {', 'if (this.options.literalShortcut === true) {'),
    },
    mustFail: {
      'test/reference/reference.test.ts': /expected '\w+' to be '\w+'/,
      'authorizer-lambda/src/cache-safety.test.ts': /expected '(allow|deny) \w+' to be '(allow|deny) \w+'/,
      'test/parity/parity.test.ts': /contract|reaches .* on the browser path/,
    },
  },
  'method-arn': {
    edits: {
      'authorizer-lambda/src/request-decision.ts': (text) =>
        replaceOnce(text, "    if (arn.verb !== method || arn.path !== path) return refused('no route: methodArn does not name the event method and path');\n", ''),
    },
    mustFail: {
      'authorizer-lambda/src/method-arn-event.test.ts': /expected 'allow' to be 'deny'/,
      'test/parity/parity.test.ts': /methodArn: .*contract deny/,
    },
  },
};

/** The JSON reporter's per-file results (an empty list when vitest wrote none, e.g. it crashed before running). */
function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).testResults ?? [];
  } catch {
    return [];
  }
}

/** The default reporter's failure blocks (from a ` FAIL  [project]  file > test` line to the next), their lines by test file. */
function failureBlocks(output) {
  const blocks = new Map();
  let current;
  // eslint-disable-next-line no-control-regex -- the reporter's colours, whatever FORCE_COLOR says
  for (const line of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    // ` FAIL  file > test`, or ` FAIL  project  file > test` when the config has projects.
    const head = /^\s*FAIL\s+(?:[\w-]+\s+)?(\S+\.test\.ts)\b/.exec(line);
    if (head !== null) {
      current = head[1];
      if (!blocks.has(current)) blocks.set(current, []);
    }
    if (current !== undefined) blocks.get(current).push(line);
  }
  return blocks;
}

/** `text` with the one occurrence of `find` replaced; throws when there is none or more than one. */
function replaceOnce(text, find, replacement) {
  const first = text.indexOf(find);
  if (first < 0 || text.indexOf(find, first + 1) >= 0) throw new Error(`the mutation's anchor occurs ${first < 0 ? 'nowhere' : 'more than once'}:\n${find}`);
  return text.slice(0, first) + replacement + text.slice(first + find.length);
}

function runMutant(name) {
  const mutant = MUTANTS[name];
  if (mutant === undefined) throw new Error(`no mutant ${name}: ${Object.keys(MUTANTS).join(', ')}`);
  return inTemporaryCopy(`mutant-${name}`, (dir) => {
    for (const [path, mutate] of Object.entries(mutant.edits)) {
      const file = join(dir, path);
      const before = readFileSync(file, 'utf8');
      const after = mutate(before);
      if (after === before) throw new Error(`mutant ${name} changed nothing in ${path}`);
      writeFileSync(file, after);
    }
    // One vitest run for all the mutant's files (one global setup): which files failed from the JSON reporter, the
    // findings from the default reporter's failure blocks (they hold fast-check's "Caused by" too), by file.
    const report = join(dir, 'mutant-report.json');
    const files = Object.keys(mutant.mustFail);
    const run = spawnSync('npx', ['vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
      maxBuffer: 64 << 20,
    });
    const status = new Map(readReport(report).map((r) => [relative(dir, r.name), r.status]));
    const blocks = failureBlocks(`${run.stdout}\n${run.stderr}`);
    const results = [];
    for (const [testFile, finding] of Object.entries(mutant.mustFail)) {
      const lines = blocks.get(testFile) ?? [];
      const line = lines.find((l) => finding.test(l))?.trim().slice(0, 300) ?? '(no finding of that kind)';
      const caught = status.get(testFile) === 'failed' && lines.some((l) => finding.test(l));
      const state = !status.has(testFile) ? 'NOT RUN' : caught ? 'caught' : status.get(testFile) === 'passed' ? 'NOT CAUGHT (passed)' : 'failed, but not with the expected finding';
      results.push({ testFile, caught, line });
      process.stdout.write(`[mutant ${name}] ${testFile}: ${state}\n  ${line}\n`);
    }
    return results;
  });
}

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(MUTANTS);
let missed = 0;
for (const name of names) for (const r of runMutant(name)) if (!r.caught) missed++;
if (missed > 0) {
  process.stderr.write(`mutants: ${missed} test file(s) did not catch their mutant\n`);
  process.exit(1);
}
process.stdout.write(`mutants: every mutant (${names.join(', ')}) caught by every test file named for it\n`);
