import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { CognitoConfig } from '../config/deployment-config.js';

export interface MlflowUserPoolProps {
  readonly config: CognitoConfig;
  /** Cognito group → permissions.yaml role (generated/authorizer/permissions.json `cognitoGroups`). */
  readonly groups: Readonly<Record<string, string>>;
  /** Role → its description in permissions.yaml, for the groups' descriptions. */
  readonly roleDescriptions: Readonly<Record<string, string>>;
  readonly removal: 'retain' | 'destroy';
}

/**
 * The user pool people sign in to the MLflow UI with: Essentials plan, administrators create the users
 * (`npm run users`), strong passwords, MFA by authenticator app, one group per Cognito group bound in
 * permissions.yaml, and a managed-login domain. The UI's app client lives with the API (its URLs are the API's).
 */
export class MlflowUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly groups: readonly cognito.UserPoolGroup[];

  constructor(scope: Construct, id: string, props: MlflowUserPoolProps) {
    super(scope, id);
    const { config } = props;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: config.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.removal === 'retain',
      removalPolicy: props.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.groups = Object.entries(props.groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([group, role]) =>
          new cognito.UserPoolGroup(this, `Group-${group}`, {
            userPool: this.userPool,
            groupName: group,
            description: `MLflow role ${role}: ${props.roleDescriptions[role] ?? ''}`.slice(0, 2048),
          }),
      );
    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: config.domainPrefix ?? `mlflow-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
  }
}
