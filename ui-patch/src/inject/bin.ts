// The entry point bundled into dist/inject-login.mjs: the default bundle is the mlflow-login.js beside it.
import { fileURLToPath } from 'node:url';
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), fileURLToPath(new URL('mlflow-login.js', import.meta.url)));
