import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';
import { COMMAND_HELP, GENERATE_HELP } from './usage.js';

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function help(...argv: string[]): Promise<string> {
  const out = capture();
  expect(await main(argv, out)).toBe(0);
  return out.lines.join('\n');
}

describe('--help', () => {
  it('authz --help lists every command and every flag of each', async () => {
    const text = await help('--help');
    expect(text).toMatch(/^usage: authz <command>/);
    for (const command of COMMAND_HELP) {
      expect(text).toContain(`\n  ${command.name}`);
      for (const flag of command.flags) expect(text, `${command.name} --${flag.name}`).toContain(`--${flag.name}`);
    }
    expect(await help('help', 'explain')).toBe(await help('explain', '--help'));
  });

  it('authz COMMAND --help prints that command alone, with --file where it reads one', async () => {
    for (const command of COMMAND_HELP) {
      const text = await help(command.name, '--help');
      expect(text.split('\n')[0]).toMatch(new RegExp(`^usage: authz ${command.name}\\b`));
      for (const flag of command.flags) expect(text).toMatch(new RegExp(`\\n {2}--${flag.name}\\b`));
      expect(text).toContain('  exit: ');
    }
    for (const name of ['generate', 'lint', 'explain', 'who-can']) expect(await help(name, '-h')).toContain('--file FILE');
  });

  it('every documented flag is one the command accepts, and an undocumented one is refused with a near match', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authz-usage-'));
    for (const command of COMMAND_HELP) {
      for (const flag of command.flags) {
        // Every run reads a file that does not exist, so none of them touches the repository.
        const others = command.flags.filter((f) => f.name !== flag.name && (f.name === 'file' || f.name === 'root')).flatMap((f) => [`--${f.name}`, join(dir, 'none')]);
        const out = capture();
        await main([command.name, `--${flag.name}`, ...(flag.value === undefined ? [] : [join(dir, 'none')]), ...others], out);
        expect(out.lines.join('\n'), `${command.name} --${flag.name}`).not.toMatch(/unknown flag/);
      }
    }
    expect(GENERATE_HELP.summary).toMatch(/npm run generate \[-- --check\] \[--strict\] \[--file FILE\] \[--root DIR\]/);
    const out = capture();
    expect(await main(['explain', '--rol', 'readers', '/'], out)).toBe(2);
    expect(out.lines[0]).toMatch(/^error: unknown flag --rol \(did you mean --role\?\)/);
  });

  it('an unknown command suggests the one meant', async () => {
    const out = capture();
    expect(await main(['explian'], out)).toBe(2);
    expect(out.lines[0]).toMatch(/^error: unknown command "explian" \(did you mean "explain"\?\)/);
  });
});
