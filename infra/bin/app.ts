// The CDK app (`npx cdk synth` / `npx cdk deploy --all` from the repository root; see cdk.json).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../config.js';
import { buildApp } from '../src/app.js';
import { REPO_ROOT, UI_PATCH_FILES } from '../src/constructs/mlflow-image.js';
import { readGeneratedInputs } from '../src/generated-inputs.js';

try {
  // The server image injects the UI login from ui-patch/dist; without it `cdk deploy` would fail late, in Docker.
  const missing = UI_PATCH_FILES.filter((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} missing: the server image needs the UI login; run npm run main (or npm run build -w @mlflow-authz/ui-patch)`);
  }
  // autoSynth off: the app synthesizes here, once, where an error can be reported without a stack trace.
  buildApp(config, readGeneratedInputs(REPO_ROOT), { autoSynth: false }).app.synth();
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
