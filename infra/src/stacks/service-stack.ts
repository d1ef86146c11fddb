import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { authorizerDeployment } from '@mlflow-authz/authorizer/deployment';
import type { MlflowDeploymentConfig } from '../config/deployment-config.js';
import { AuthorizerFunction } from '../constructs/authorizer-function.js';
import { MlflowApi } from '../constructs/mlflow-api.js';
import { MlflowService } from '../constructs/mlflow-service.js';
import { UiClient } from '../constructs/ui-client.js';
import type { GeneratedInputs } from '../generated-inputs.js';
import type { DataStack } from './data-stack.js';

export interface ServiceStackProps extends StackProps {
  readonly config: MlflowDeploymentConfig;
  readonly generated: GeneratedInputs;
  readonly data: DataStack;
}

/** MLflow itself and the way in: the Fargate service and its load balancer, the REST API, the authorizer, the UI's app client. */
export class ServiceStack extends Stack {
  readonly mlflow: MlflowService;
  readonly api: MlflowApi;
  readonly authorizer: AuthorizerFunction;
  readonly uiClient: UiClient;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, generated, data } = props;
    const deployment = authorizerDeployment(generated.authorizer);
    const stageName = deployment.stageName;
    const { vpc, privateSubnets } = data.network;

    this.mlflow = new MlflowService(this, 'Mlflow', {
      vpc,
      subnets: privateSubnets,
      config: config.service,
      databaseSecret: data.database.secret,
      databaseConnections: data.database.cluster.connections,
      databaseMayPause: config.database.minCapacity === 0,
      artifactBucket: data.artifacts.bucket,
      artifactPrefix: data.artifacts.prefix,
      // Imported immutably: the role and its S3 rights belong to the data stack, which this stack must not edit.
      taskRole: iam.Role.fromRoleArn(this, 'ServerTaskRole', data.artifacts.serverRole.roleArn, { mutable: false }),
      uiOrigins: [Lazy.string({ produce: () => this.uiOrigins().join(',') })],
      accessLogBucket: data.artifacts.accessLogs,
    });
    const clientId = Lazy.string({ produce: () => this.uiClient.client.userPoolClientId });
    this.authorizer = new AuthorizerFunction(this, 'Authorizer', { userPoolId: data.users.userPool.userPoolId, clientId });
    this.api = new MlflowApi(this, 'Api', {
      vpc,
      subnets: privateSubnets,
      loadBalancer: this.mlflow.loadBalancer,
      listener: this.mlflow.listener,
      stageName,
      authorizerDeployment: deployment,
      authorizerFunction: this.authorizer.function,
      resourcePolicy: generated.policies.resourcePolicy,
      // Lazy: the app client's URLs are the API's, and the API serves the client's settings.
      loginConfigJson: Lazy.string({ produce: () => JSON.stringify(this.uiClient.loginConfig) }),
      config: config.api,
    });
    const uiUrls = [...(this.api.customDomainUrl === undefined ? [] : [this.api.customDomainUrl]), this.api.stageUrl];
    this.uiClient = new UiClient(this, 'UiClient', { userPool: data.users.userPool, domain: data.users.domain, uiUrls, config: config.cognito });

    new CfnOutput(this, 'MlflowUrl', { value: uiUrls[0] ?? this.api.stageUrl, description: 'The MLflow UI, and the MLflow tracking URI for SigV4 clients' });
    new CfnOutput(this, 'StageUrl', { value: this.api.stageUrl });
    // Exported by name: the access stack imports the id by that name, so its policies (and the cdk-nag
    // acknowledgements derived from them) name the API the same way at any time.
    new CfnOutput(this, 'RestApiId', { value: this.api.api.restApiId, exportName: ServiceStack.restApiIdExportName(this.stackName) });
    new CfnOutput(this, 'UiClientId', { value: this.uiClient.client.userPoolClientId });
    new CfnOutput(this, 'ClusterName', { value: this.mlflow.cluster.clusterName });
    new CfnOutput(this, 'ServiceName', { value: this.mlflow.service.serviceName });
    new CfnOutput(this, 'DbUpgradeTaskDefinition', { value: this.mlflow.dbUpgradeTask.taskDefinitionArn, description: 'Run once before moving the service to a newer MLflow (README: Upgrading MLflow)' });
    new CfnOutput(this, 'TaskSubnets', { value: vpc.selectSubnets(privateSubnets).subnetIds.join(',') });
    new CfnOutput(this, 'TaskSecurityGroup', { value: this.mlflow.serviceSecurityGroup.securityGroupId });
  }

  /** The export name of the REST API's id. */
  static restApiIdExportName(serviceStackName: string): string {
    return `${serviceStackName}-RestApiId`;
  }

  private uiOrigins(): string[] {
    const origins = [this.api.executeApiOrigin];
    if (this.api.customDomainUrl !== undefined) origins.unshift(this.api.customDomainUrl.replace(/\/$/, ''));
    return origins;
  }
}
