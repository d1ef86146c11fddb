// `npm run local [-- --mlflow-url URL] [--port N] …`: the local gateway in front of MLflow (see local/README.md).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { banner } from './banner.js';
import { LocalModeError } from './errors.js';
import type { LocalModeOptions } from './local-mode.js';
import { startLocalMode } from './local-mode.js';
import { PROJECT_ROOT } from './paths.js';

const USAGE = `usage: npm run local -- [--mlflow-url URL] [--port N] [--oidc-port N] [--ui-dir DIR] [--credentials FILE]
                          [--region R] [--decision-log] [--root DIR]

  --mlflow-url URL     put a running MLflow (mlflow server) behind the gateway; default: a built-in stand-in
  --port N             the gateway's port on 127.0.0.1 (default 8700; 0 for any free port)
  --oidc-port N        the OIDC provider's port (default: the gateway's + 1)
  --ui-dir DIR         serve a built MLflow UI folder at / and /static-files/ (e.g. one ui-patch injected)
  --credentials FILE   the local SigV4 credentials file (must exist; default local/.state/credentials.json, created)
  --region R           the region SigV4 requests are scoped to (default us-east-1)
  --decision-log       also print the authorizer's decision log lines
  --root DIR           the project folder with permissions.yaml and generated/ (default: this checkout)`;

/** Parses the command line into options; a string is a usage problem. */
export function parseCommandLine(argv: readonly string[]): LocalModeOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'mlflow-url': { type: 'string' },
        port: { type: 'string' },
        'oidc-port': { type: 'string' },
        'ui-dir': { type: 'string' },
        credentials: { type: 'string' },
        region: { type: 'string' },
        'decision-log': { type: 'boolean' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return (error as Error).message;
  }
  const v = parsed.values;
  if (v.help === true) return '';
  const port = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `--${name} must be a port number (0-65535), not ${JSON.stringify(text)}`;
  };
  const gatewayPort = port('port', v.port);
  const oidcPort = port('oidc-port', v['oidc-port']);
  if (typeof gatewayPort === 'string') return gatewayPort;
  if (typeof oidcPort === 'string') return oidcPort;
  const mlflowUrl = v['mlflow-url'];
  if (mlflowUrl !== undefined && !/^https?:\/\/[^/]+/.test(mlflowUrl)) return `--mlflow-url must be an http(s) URL, not ${JSON.stringify(mlflowUrl)}`;
  return {
    ...(mlflowUrl === undefined ? {} : { mlflowUrl }),
    ...(gatewayPort === undefined ? {} : { port: gatewayPort }),
    ...(oidcPort === undefined ? {} : { oidcPort }),
    ...(v['ui-dir'] === undefined ? {} : { uiFolder: v['ui-dir'] }),
    ...(v.credentials === undefined ? {} : { credentialsFile: v.credentials }),
    ...(v.region === undefined ? {} : { region: v.region }),
    ...(v.root === undefined ? {} : { root: v.root }),
    decisionLog: v['decision-log'] === true,
  };
}

async function main(): Promise<number> {
  const options = parseCommandLine(process.argv.slice(2));
  if (typeof options === 'string') {
    if (options !== '') process.stderr.write(`error: ${options}\n`);
    process.stderr.write(USAGE + '\n');
    return options === '' ? 0 : 2;
  }
  try {
    const mode = await startLocalMode(options);
    const shutdown = () => {
      mode.stop().then(() => process.exit(0), () => process.exit(1));
    };
    // Before the banner: whoever reads it may stop local mode at once (a script waiting for "Started in").
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    process.stdout.write(banner(mode, options.root ?? PROJECT_ROOT, performance.now()) + '\n\n');
    return -1;
  } catch (error) {
    if (error instanceof LocalModeError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`error: local mode failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const code = await main();
if (code >= 0) process.exit(code);
