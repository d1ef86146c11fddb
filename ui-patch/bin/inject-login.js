#!/usr/bin/env node
// In-repo use without a build of the injector: tsx compiles the TypeScript CLI on the fly. The browser bundle
// still comes from `npm run build -w @mlflow-authz/ui-patch` (ui-patch/dist/mlflow-login.js) unless --bundle says.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/inject/cli.ts');
process.exitCode = await main(process.argv.slice(2), fileURLToPath(new URL('../dist/mlflow-login.js', import.meta.url)));
