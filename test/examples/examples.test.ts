import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../../authz-core/src/catalogue/catalogue.js';
import { lintPermissions } from '../../authz-core/src/lint/lint.js';
import { formatWarning } from '../../authz-core/src/lint/warning.js';
import { compilePermissions } from '../../authz-core/src/permissions/compile.js';
import { formatDiagnostic } from '../../authz-core/src/permissions/diagnostics.js';

// The worked examples of README.md ("Writing roles"). Each must compile, give exactly the lint warnings listed
// here, and go through `npm run generate --strict` (every stage, in memory, then written).
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const GENERATE = new URL('../../scripts/generate.mjs', import.meta.url).pathname;
const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'data-scientists.yaml': [],
  'guests.yaml': [],
  'ml-engineers-gateway.yaml': [],
  'prompt-engineers.yaml': [],
};

function lint(source: string, file: string): string[] {
  const result = compilePermissions(source, CATALOGUE, MLFLOW_VERSION, file);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return lintPermissions(result.permissions, source, file, CATALOGUE).map(formatWarning);
}

describe('examples/', () => {
  it('holds exactly the worked examples this test knows', async () => {
    expect((await readdir(EXAMPLES)).filter((f) => f.endsWith('.yaml')).sort()).toEqual(Object.keys(EXPECTED_WARNINGS).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED_WARNINGS)) {
    it(`${file} compiles with the expected lint warnings, and npm run generate -- --strict writes it`, async () => {
      const source = await readFile(join(EXAMPLES, file), 'utf8');
      expect(lint(source, file)).toEqual(expected);
      const root = await mkdtemp(join(tmpdir(), 'authz-example-'));
      try {
        const run = spawnSync(process.execPath, [GENERATE, '--strict', '--root', root, '--file', join(EXAMPLES, file)], { encoding: 'utf8', timeout: 300_000 });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^wrote \d+ files to generated\//);
        expect(run.stderr).toBe('');
        expect((await readdir(join(root, 'generated'))).sort()).toEqual(expect.arrayContaining(['PERMISSIONS.md', 'iam', 'authorizer', 'manifest.json', 'permissions.schema.json']));
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    }, 300_000);
  }

  it("prompt-engineers.yaml's ignoreWarnings silences exactly the write-only role's warnings", async () => {
    const source = await readFile(join(EXAMPLES, 'prompt-engineers.yaml'), 'utf8');
    const loud = source.replace(/\n {4}ignoreWarnings: \[write-without-read\]\n/, '\n');
    expect(loud).not.toBe(source);
    const warnings = lint(loud, 'prompt-engineers.yaml');
    expect(warnings.map((w) => /role (\S+): can change (\S+) .*\[(\S+)\]$/.exec(w)?.slice(1).join(' '))).toEqual([
      'trace-ingest traces write-without-read',
      'trace-ingest artifacts write-without-read',
      'trace-ingest evaluation write-without-read',
    ]);
  });
});
