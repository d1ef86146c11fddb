import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOGUE, compilePermissions, formatDiagnostic, formatWarning, lintPermissions, MLFLOW_VERSION } from '@mlflow-authz/core';
import { describe, expect, it } from 'vitest';
import { generatedProjects } from '../support/generated-projects.js';

// The worked examples of README.md ("Writing roles"). Each must compile, give exactly the lint warnings listed
// here, and go through `npm run generate -- --strict` (every stage, in memory, then written): the suite's global
// setup runs exactly that on each of them (test/support/global-setup.ts), and the parity proof then checks what
// it wrote (test/parity/parity.test.ts).
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
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
      const run = generatedProjects()[`example:${file.replace(/\.yaml$/, '')}`];
      expect(run).toMatchObject({ strict: true, source: join(EXAMPLES, file) });
      expect(run?.status, run?.stderr).toBe(0);
      expect(run?.stdout).toMatch(/^wrote \d+ files to generated\//);
      expect(run?.stderr).toBe('');
      expect((await readdir(join(run?.root as string, 'generated'))).sort()).toEqual(expect.arrayContaining(['PERMISSIONS.md', 'iam', 'authorizer', 'manifest.json', 'permissions.schema.json']));
    });
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
