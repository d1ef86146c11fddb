import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MlflowDeploymentConfig } from '../config/deployment-config.js';
import { ArtifactStore } from '../constructs/artifact-store.js';
import { Database } from '../constructs/database.js';
import { Network } from '../constructs/network.js';
import { MlflowUserPool } from '../constructs/user-pool.js';
import type { GeneratedInputs } from '../generated-inputs.js';

export interface DataStackProps extends StackProps {
  readonly config: MlflowDeploymentConfig;
  readonly generated: GeneratedInputs;
}

/**
 * What outlives a redeploy of the service: the network, the database, the artifact bucket with the one role
 * that may touch it, and the user pool with its users and groups. Kept apart so that a failed or rolled-back
 * service deployment never touches data.
 */
export class DataStack extends Stack {
  readonly network: Network;
  readonly database: Database;
  readonly artifacts: ArtifactStore;
  readonly users: MlflowUserPool;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config, generated } = props;
    this.network = new Network(this, 'Network', config.network);
    this.database = new Database(this, 'Database', { vpc: this.network.vpc, subnets: this.network.privateSubnets, config: config.database, removal: config.dataRemoval });
    this.artifacts = new ArtifactStore(this, 'ArtifactStore', { config: config.artifacts, removal: config.dataRemoval });
    const roleDescriptions = Object.fromEntries(Object.entries(generated.policies.index.roles).map(([role, entry]) => [role, entry.description]));
    this.users = new MlflowUserPool(this, 'Users', { config: config.cognito, groups: generated.authorizer.cognitoGroups, roleDescriptions, removal: config.dataRemoval });

    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId, description: 'Cognito user pool of the MLflow UI (npm run users -- … reads it from here)' });
    new CfnOutput(this, 'ArtifactBucketName', { value: this.artifacts.bucket.bucketName });
  }
}
