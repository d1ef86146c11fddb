import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AREA_CONTENTS, AREAS, LINT_RULES, UI_LOAD_CALLS } from '@mlflow-authz/core';

// README.md's "Writing roles" section: its tables are the data they show, its excerpts are the example files.
const ROOT = new URL('../../', import.meta.url).pathname;
const readme = await readFile(`${ROOT}README.md`, 'utf8');
const section = readme.slice(readme.indexOf('## Writing roles'));

function between(name: string): string {
  return new RegExp(`<!-- ${name}:begin -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(section)?.[1] ?? '';
}

describe('README.md, "Writing roles"', () => {
  it('exists', () => {
    expect(readme).toContain('\n## Writing roles\n');
  });

  it('shows every area with what it holds, as authz-core/src/catalogue/areas.ts says', () => {
    expect(between('areas')).toBe(['| area | what it holds |', '|---|---|', ...AREAS.map((a) => `| ${a} | ${AREA_CONTENTS[a]} |`)].join('\n'));
  });

  it('shows every lint rule, as authz-core/src/lint/rules.ts says', () => {
    expect(between('lint-rules')).toBe(['| rule | warns about |', '|---|---|', ...Object.entries(LINT_RULES).map(([id, what]) => `| \`${id}\` | ${what} |`)].join('\n'));
  });

  it('names what the UI needs as it loads', () => {
    for (const call of UI_LOAD_CALLS) expect(section).toContain(`\`${call.operation}\``);
  });

  it('quotes the example files verbatim and links each of them', async () => {
    const excerpts = [...section.matchAll(/```yaml\n# (examples\/[\w-]+\.yaml)\n([\s\S]*?)```/g)];
    expect(excerpts.length).toBeGreaterThanOrEqual(5);
    for (const [, file, body] of excerpts) {
      const text = await readFile(`${ROOT}${file}`, 'utf8');
      expect(text, `${file} no longer contains the README's excerpt`).toContain(body as string);
    }
    for (const file of ['data-scientists', 'guests', 'ml-engineers-gateway', 'prompt-engineers']) {
      expect(section).toContain(`](examples/${file}.yaml)`);
    }
  });
});
