import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_ENTRY } from '../api/authorizer-deployment.js';
import { REPO_ROOT } from './mlflow-image.js';

export interface AuthorizerFunctionProps {
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * The Lambda authorizer (authorizer-lambda/): Node.js 24 on ARM64, bundled locally by esbuild (a devDependency
 * of authorizer-lambda; never Docker) into one ES module with generated/authorizer/ inlined, so that a change
 * of permissions.yaml changes the asset and redeploys the function.
 */
export class AuthorizerFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: AuthorizerFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.function = new NodejsFunction(this, 'Function', {
      entry: AUTHORIZER_ENTRY,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
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
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        forceDockerBundling: false,
      },
    });
  }
}
