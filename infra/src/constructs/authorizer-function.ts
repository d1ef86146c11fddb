import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPO_ROOT } from './mlflow-image.js';

export interface AuthorizerFunctionProps {
  readonly userPoolId: string;
  readonly clientId: string;
}

/** The authorizer's own build (`npm run build:authorizer`): its entry, and its esbuild plugin that compacts the table. */
const BUNDLE_SCRIPT = join(REPO_ROOT, 'authorizer-lambda', 'bundle', 'bundle.ts');

/**
 * The Lambda authorizer (authorizer-lambda/): Node.js 24 on ARM64, its code the bundle the authorizer's build
 * writes — one ES module with generated/authorizer/ inlined, compacted — built locally by esbuild at synth (never
 * Docker), so the deployed code is the very file `bundle/bundle.test.ts` checks and a change of permissions.yaml
 * changes the asset (hashed by its output) and redeploys the function. Not `NodejsFunction`: that runs the esbuild
 * command line, which cannot load the table plugin, and would deploy another file (infra/README.md).
 */
export class AuthorizerFunction extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: AuthorizerFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.function = new lambda.Function(this, 'Function', {
      code: authorizerBundle(),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      description: 'MLflow API Gateway authorizer: Cognito token → roles → policy (generated/authorizer)',
      environment: {
        JWT_VERIFIER: 'cognito',
        COGNITO_USER_POOL_ID: props.userPoolId,
        COGNITO_CLIENT_IDS: props.clientId,
        COGNITO_TOKEN_USE: 'id',
        POWERTOOLS_SERVICE_NAME: 'mlflow-authorizer',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
  }
}

/** The asset: `index.mjs`, written by the authorizer's build into CDK's staging folder during synth. */
function authorizerBundle(): lambda.Code {
  return lambda.Code.fromAsset(join(REPO_ROOT, 'authorizer-lambda'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: the local build below always bundles or fails (CDK requires an image to fall back on).
      image: lambda.Runtime.NODEJS_24_X.bundlingImage,
      local: {
        tryBundle(outputDir: string): boolean {
          const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
          try {
            execFileSync(process.execPath, [tsx, BUNDLE_SCRIPT, join(outputDir, 'index.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
          } catch (error) {
            const output = `${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}`.trim().split('\n').at(-1);
            throw new Error(`building the authorizer bundle failed (npm run build:authorizer shows why): ${output || (error as Error).message}`, { cause: error });
          }
          return true;
        },
      },
    },
  });
}
