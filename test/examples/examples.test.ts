import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../../authz-core/src/catalogue/catalogue.js';
import { main } from '../../authz-core/src/cli/main.js';
import type { Output } from '../../authz-core/src/cli/output.js';
import { lintPermissions } from '../../authz-core/src/lint/lint.js';
import { formatWarning } from '../../authz-core/src/lint/warning.js';
import { compilePermissions } from '../../authz-core/src/permissions/compile.js';
import { formatDiagnostic } from '../../authz-core/src/permissions/diagnostics.js';

// The worked examples of README.md ("Writing roles"). Each must compile, give exactly the lint warnings listed
// here, and generate. Once `npm run generate` handles every example (issue 10: a gateway-only role crashes the
// authorizer-patterns stage today), the full pipeline and the parity suite belong here too.
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'data-scientists.yaml': [],
  'guests.yaml': [],
  'ml-engineers-gateway.yaml': [],
  'prompt-engineers.yaml': [],
};

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

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
    it(`${file} compiles with the expected lint warnings, and authz generate writes it (--strict too)`, async () => {
      const source = await readFile(join(EXAMPLES, file), 'utf8');
      expect(lint(source, file)).toEqual(expected);
      const root = await mkdtemp(join(tmpdir(), 'authz-example-'));
      const out = capture();
      expect(await main(['generate', '--strict', '--root', root, '--file', join(EXAMPLES, file)], out), out.lines.join('\n')).toBe(0);
      expect(out.lines[0]).toMatch(/^wrote 5 files to generated\//);
      expect(out.lines.filter((l) => l.startsWith('warning: ') || l.startsWith('error: '))).toEqual([]);
      expect((await readdir(join(root, 'generated'))).sort()).toEqual(expect.arrayContaining(['PERMISSIONS.md', 'manifest.json', 'permissions.schema.json']));
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
