// `npm run users -- …` (see users-cli.ts for the commands).
import { config } from '../../config.js';
import { REPO_ROOT } from '../constructs/mlflow-image.js';
import { readGeneratedInputs } from '../generated-inputs.js';
import { defaultDeps, usersCli } from './users-cli.js';

const groups = Object.keys(readGeneratedInputs(REPO_ROOT).authorizer.cognitoGroups).sort();
process.exitCode = await usersCli(process.argv.slice(2), defaultDeps(`${config.stackPrefix}-Data`, groups, config.region));
