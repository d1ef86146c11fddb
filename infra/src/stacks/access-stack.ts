import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MlflowDeploymentConfig } from '../config/deployment-config.js';
import { SageMakerAccess } from '../constructs/sagemaker-access.js';
import type { GeneratedInputs } from '../generated-inputs.js';
import type { DataStack } from './data-stack.js';
import { ServiceStack } from './service-stack.js';

export interface AccessStackProps extends StackProps {
  readonly config: MlflowDeploymentConfig;
  readonly generated: GeneratedInputs;
  readonly data: DataStack;
  readonly service: ServiceStack;
}

/**
 * SigV4 access: SageMaker execution roles and user profiles, and the policies of the IAM principals
 * permissions.yaml binds. Its own stack, so that a Studio domain that cannot be deleted yet (users' apps and
 * spaces) never blocks the rest.
 */
export class AccessStack extends Stack {
  readonly access: SageMakerAccess;
  /** The REST API's id, imported from the service stack. */
  readonly restApiId: string;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    this.addStackDependency(props.service, 'the REST API id is imported by its export name');
    this.restApiId = Fn.importValue(ServiceStack.restApiIdExportName(props.service.stackName));
    this.access = new SageMakerAccess(this, 'SageMaker', {
      restApi: this.restApiId,
      stageName: props.generated.authorizer.apiStageName,
      policies: props.generated.policies,
      domain: props.config.sagemaker.domain,
      vpc: props.data.network.vpc,
      subnets: props.data.network.privateSubnets,
      removal: props.config.dataRemoval,
    });
    if (this.access.domainId !== undefined) new CfnOutput(this, 'DomainId', { value: this.access.domainId });
    for (const [role, executionRole] of this.access.executionRoles) {
      new CfnOutput(this, `ExecutionRole${role.replace(/[^A-Za-z0-9]/g, '')}`, { value: executionRole.roleArn, description: `SageMaker execution role of MLflow role ${role}` });
    }
  }
}
