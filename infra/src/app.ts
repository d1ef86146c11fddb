import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { MlflowDeploymentConfig } from './config/deployment-config.js';
import { validateConfig } from './config/validate-config.js';
import type { GeneratedInputs } from './generated-inputs.js';
import type { Acknowledgement } from './nag/acknowledgements.js';
import { acknowledgeFindings } from './nag/acknowledgements.js';
import { AccessStack } from './stacks/access-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** The app's stacks. */
export interface MlflowStacks {
  readonly app: App;
  readonly data: DataStack;
  readonly service: ServiceStack;
  readonly access: AccessStack;
  /** Every acknowledged cdk-nag finding, with its reason. */
  readonly acknowledgements: readonly Acknowledgement[];
}

/**
 * The whole CDK app: three environment-agnostic stacks (only a configured region is fixed; no lookups, so
 * synth needs no credentials), checked by cdk-nag's AwsSolutions pack, where every acknowledged finding
 * carries its reason (nag/acknowledgements.ts).
 */
export function buildApp(config: MlflowDeploymentConfig, generated: GeneratedInputs, appProps: AppProps = {}): MlflowStacks {
  validateConfig(config);
  const app = new App(appProps);
  const env = config.region === undefined ? undefined : { region: config.region };
  // Templates without indentation: the Access stack carries every role's execute-api documents, and indented it
  // nears CloudFormation's 1 MB template limit at about 60 SageMaker-bound roles (800 KB at 50; 381 KB unindented).
  const common = { env, config, generated, suppressTemplateIndentation: true };
  const prefix = config.stackPrefix;
  const data = new DataStack(app, `${prefix}-Data`, { ...common, description: 'MLflow: network, database, artifact bucket, user pool' });
  const service = new ServiceStack(app, `${prefix}-Service`, { ...common, data, description: 'MLflow: ECS service, REST API, authorizer, UI app client' });
  const access = new AccessStack(app, `${prefix}-Access`, { ...common, data, service, description: 'MLflow: SageMaker execution roles and user profiles, IAM principals bound in permissions.yaml' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const acknowledgements = acknowledgeFindings({ data, service, access }, generated, config.cognito);
  return { app, data, service, access, acknowledgements };
}
