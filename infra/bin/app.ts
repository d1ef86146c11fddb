// The CDK app (`npx cdk synth` / `npx cdk deploy --all` from the repository root; see cdk.json).
import { buildUiPatch } from '@mlflow-authz/ui-patch/build';
import { config } from '../config.js';
import { buildApp } from '../src/app.js';
import { readGeneratedInputs } from '../src/generated-inputs.js';
import { REPO_ROOT } from '../src/constructs/mlflow-image.js';

try {
  // The server image injects the UI login from ui-patch/dist: built here on every synth (esbuild, about a second),
  // so `npm run generate && npx cdk deploy` never ships a missing or stale login script.
  await buildUiPatch();
  // autoSynth off: the app synthesizes here, once, where an error can be reported without a stack trace.
  buildApp(config, readGeneratedInputs(REPO_ROOT), { autoSynth: false }).app.synth();
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
