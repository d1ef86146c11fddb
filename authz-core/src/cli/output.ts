/** Where the CLI writes: injectable so that tests can capture it. */
export interface Output {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** Output to the process's stdout (info) and stderr (warnings and errors). */
export const consoleOutput: Output = {
  info: (line) => process.stdout.write(line + '\n'),
  warn: (line) => process.stderr.write(`warning: ${line}\n`),
  error: (line) => process.stderr.write(`error: ${line}\n`),
};
