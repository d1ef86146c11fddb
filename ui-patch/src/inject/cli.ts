import { isAbsolute, relative } from 'node:path';
import { injectLogin } from './inject-dir.js';
import { InjectError } from './inject-html.js';

const USAGE = `Usage: inject-login <built-ui-dir> [--bundle <mlflow-login.js>]

Adds the Cognito/OIDC login to a built MLflow UI without rebuilding it: copies the login bundle next to the
app's bundles (content-hashed name) and loads it from index.html before MLflow's own script. Running it again
replaces the earlier injection. A folder whose index.html it does not recognize is refused and left untouched.

  <built-ui-dir>   MLflow's built UI: <site-packages>/mlflow/server/js/build (holds index.html and static/js/)
  --bundle PATH    the browser bundle (default: mlflow-login.js beside this program)

At run time the page reads its login settings from mlflow-login.json beside the UI (see ui-patch/README.md).`;

/** Output streams, so that tests can read what a user would see. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const CONSOLE_IO: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs the injector CLI; returns the exit code (0 done, 1 refused, 2 usage). Never throws for a user's mistake. */
export async function main(argv: readonly string[], defaultBundle: string, io: CliIo = CONSOLE_IO): Promise<number> {
  let uiDir: string | undefined;
  let bundle = defaultBundle;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return 0;
    } else if (arg === '--bundle' || arg.startsWith('--bundle=')) {
      const value = arg === '--bundle' ? argv[++i] : arg.slice('--bundle='.length);
      if (value === undefined || value === '') return usage(io, '--bundle needs a file');
      bundle = value;
    } else if (arg.startsWith('-')) {
      return usage(io, `unknown option ${arg}`);
    } else if (uiDir === undefined) {
      uiDir = arg;
    } else {
      return usage(io, `one UI folder only (got ${uiDir} and ${arg})`);
    }
  }
  if (uiDir === undefined) return usage(io, 'the built MLflow UI folder is missing');
  try {
    const result = await injectLogin(uiDir, bundle);
    const where = shown(result.indexHtml);
    const size = `${(result.bundleBytes / 1024).toFixed(1)} KiB`;
    io.out(result.changed ? `inject-login: ${where} now loads ${result.src} (${size}) before MLflow's bundle` : `inject-login: ${where} already loads ${result.src}; nothing to do`);
    if (result.removed !== null) io.out(`inject-login: removed the earlier bundle ${shown(result.removed)}`);
    return 0;
  } catch (error) {
    if (error instanceof InjectError) {
      io.err(`inject-login: ${error.message}`);
      return 1;
    }
    io.err(`inject-login: could not write to ${uiDir}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// A path below the working directory is shown relative to it, any other as it is.
function shown(path: string): string {
  const below = relative(process.cwd(), path);
  return below === '' || below.startsWith('..') || isAbsolute(below) ? path : below;
}

function usage(io: CliIo, problem: string): number {
  io.err(`inject-login: ${problem}\n\n${USAGE}`);
  return 2;
}
