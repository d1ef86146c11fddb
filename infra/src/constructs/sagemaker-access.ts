import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import type { GeneratedPolicies } from '@mlflow-authz/iam/cdk';
import { RoleExecuteApiPolicies } from '@mlflow-authz/iam/cdk';
import type { SageMakerDomainConfig } from '../config/deployment-config.js';

export interface SageMakerAccessProps {
  /** The REST API, or its id in this stack's account and region. */
  readonly restApi: apigw.IRestApi | string;
  readonly stageName: string;
  readonly policies: GeneratedPolicies;
  readonly domain: SageMakerDomainConfig;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly removal: 'retain' | 'destroy';
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * SigV4 access to MLflow from permissions.yaml's bindings. Per role bound to SageMaker user profiles: an
 * execution role carrying the role's generated execute-api policies and the shared guard (through
 * iam-generator's RoleExecuteApiPolicies, never one without the other) plus what Studio itself needs, and
 * the user profiles, on an existing domain or a new one (IAM auth, in the app's VPC). IAM principals bound
 * to a role (existing roles or users of this account) get the same policies. No S3: artifacts go through
 * MLflow's proxy.
 */
export class SageMakerAccess extends Construct {
  /** permissions.yaml role → its SageMaker execution role. */
  readonly executionRoles = new Map<string, iam.Role>();
  /** permissions.yaml role → its policies. */
  readonly rolePolicies = new Map<string, RoleExecuteApiPolicies>();
  readonly userProfiles: sagemaker.CfnUserProfile[] = [];
  readonly studioPolicy: iam.ManagedPolicy;
  readonly domainId?: string;
  readonly domain?: sagemaker.CfnDomain;

  constructor(scope: Construct, id: string, props: SageMakerAccessProps) {
    super(scope, id);
    const removal = props.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.studioPolicy = new iam.ManagedPolicy(this, 'StudioBasics', {
      description: 'SageMaker Studio execution role basics for MLflow users: spaces and apps of their domain, Studio logs. No S3, no MLflow access.',
      statements: studioStatements(this),
    });

    if (props.domain.kind === 'new') {
      const defaultRole = new iam.Role(this, 'DomainDefaultExecutionRole', {
        assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
        description: 'Default execution role of the MLflow Studio domain: Studio basics only, no MLflow access',
        managedPolicies: [this.studioPolicy],
      });
      const securityGroup = new ec2.SecurityGroup(this, 'StudioSecurityGroup', { vpc: props.vpc, description: 'SageMaker Studio apps of the MLflow domain', allowAllOutbound: true });
      securityGroup.addIngressRule(securityGroup, ec2.Port.allTraffic(), 'Studio apps and their EFS home directories');
      this.domain = new sagemaker.CfnDomain(this, 'Domain', {
        domainName: props.domain.domainName,
        authMode: 'IAM',
        vpcId: props.vpc.vpcId,
        subnetIds: props.vpc.selectSubnets(props.subnets).subnetIds,
        // Private subnets with NAT (or endpoints): S3 for presigned transfers, the API's public endpoint.
        appNetworkAccessType: 'VpcOnly',
        defaultUserSettings: {
          executionRole: defaultRole.roleArn,
          securityGroups: [securityGroup.securityGroupId],
          studioWebPortal: 'ENABLED',
          defaultLandingUri: 'studio::',
        },
        defaultSpaceSettings: { executionRole: defaultRole.roleArn, securityGroups: [securityGroup.securityGroupId] },
      });
      this.domain.applyRemovalPolicy(removal);
      this.domainId = this.domain.attrDomainId;
    } else if (props.domain.kind === 'existing') {
      this.domainId = props.domain.domainId;
    }

    for (const [role, entry] of Object.entries(props.policies.index.roles).sort(([a], [b]) => a.localeCompare(b))) {
      const policies = new RoleExecuteApiPolicies(this, `Policies-${role}`, {
        restApi: props.restApi,
        stageName: props.stageName,
        role,
        documents: props.policies.documents.get(role) ?? [],
        guard: props.policies.guard,
      });
      this.rolePolicies.set(role, policies);
      if (entry.sagemakerUserProfiles.length > 0) {
        const executionRole = new iam.Role(this, `ExecutionRole-${role}`, {
          assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
          description: `SageMaker execution role for MLflow role ${role}`.slice(0, 1000),
          managedPolicies: [this.studioPolicy],
        });
        policies.attachTo(executionRole);
        this.executionRoles.set(role, executionRole);
        if (this.domainId !== undefined) {
          for (const name of entry.sagemakerUserProfiles) {
            const profile = new sagemaker.CfnUserProfile(this, `Profile-${name}`, {
              domainId: this.domainId,
              userProfileName: name,
              userSettings: { executionRole: executionRole.roleArn },
            });
            profile.applyRemovalPolicy(removal);
            this.userProfiles.push(profile);
          }
        }
      }
      for (const principal of entry.iamPrincipals) policies.attachTo(importPrincipal(this, `Principal-${role}-${principal}`, principal));
    }
  }
}

/** An existing IAM role (name or ARN) or user (ARN) of this account, imported without lookups. */
function importPrincipal(scope: Construct, id: string, principal: string): iam.IRole | iam.IUser {
  const safeId = id.replace(/[^A-Za-z0-9-]/g, '-');
  if (ROLE_NAME.test(principal)) return iam.Role.fromRoleName(scope, safeId, principal);
  const resource = principal.split(':')[5] ?? '';
  if (resource.startsWith('user/')) return iam.User.fromUserArn(scope, safeId, principal);
  if (resource.startsWith('role/')) return iam.Role.fromRoleArn(scope, safeId, principal);
  throw new Error(`permissions.yaml binds ${principal}, which is neither an IAM role name nor a role or user ARN`);
}

function studioStatements(scope: Construct): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'sagemaker', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return [
    new iam.PolicyStatement({
      sid: 'StudioSpacesAndApps',
      actions: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp', 'sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace', 'sagemaker:DescribeSpace', 'sagemaker:AddTags', 'sagemaker:ListTags'],
      resources: [arn('app', '*'), arn('space', '*'), arn('user-profile', '*'), arn('domain', '*')],
    }),
    new iam.PolicyStatement({
      sid: 'StudioReads',
      actions: ['sagemaker:DescribeDomain', 'sagemaker:DescribeUserProfile', 'sagemaker:ListApps', 'sagemaker:ListSpaces', 'sagemaker:ListUserProfiles', 'sagemaker:ListDomains'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'StudioLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }),
  ];
}
