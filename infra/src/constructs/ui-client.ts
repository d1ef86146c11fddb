import { Aws, Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { LoginConfig } from '@mlflow-authz/ui-patch';
import { Construct } from 'constructs';
import type { CognitoConfig } from '../config/deployment-config.js';

export interface UiClientProps {
  readonly userPool: cognito.IUserPool;
  readonly domain: cognito.UserPoolDomain;
  /** The UI's base URLs (trailing slash): the Cognito callback and sign-out URLs. */
  readonly uiUrls: readonly string[];
  readonly config: CognitoConfig;
}

/** ui-patch's login configuration document, as the UI fetches it from `./mlflow-login.json`; Cognito's logout is always named. */
export type LoginConfigDocument = LoginConfig & { readonly logoutUrl: string };

export const LOGIN_SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/**
 * The MLflow UI's Cognito app client: a public client (no secret) for the authorization-code grant with PKCE
 * (the UI always sends a code challenge; Cognito has no switch to require it), refresh-token rotation, and
 * callback and sign-out URLs on the UI's base URLs; plus its managed-login style.
 */
export class UiClient extends Construct {
  readonly client: cognito.UserPoolClient;
  readonly loginConfig: LoginConfigDocument;

  constructor(scope: Construct, id: string, props: UiClientProps) {
    super(scope, id);
    const { config } = props;
    this.client = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { user: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: LOGIN_SCOPES,
        callbackUrls: [...props.uiUrls],
        logoutUrls: [...props.uiUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(config.tokenValidityMinutes),
      accessTokenValidity: Duration.minutes(config.tokenValidityMinutes),
      refreshTokenValidity: Duration.days(config.refreshTokenValidityDays),
      refreshTokenRotationGracePeriod: Duration.seconds(10),
    });
    new cognito.CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    // The first URL is the one the UI is meant to be used at (the custom domain when there is one).
    const uiUrl = props.uiUrls[0];
    if (uiUrl === undefined) throw new Error('the UI client needs at least one URL');
    this.loginConfig = {
      version: 1,
      authority: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${props.userPool.userPoolId}`,
      clientId: this.client.userPoolClientId,
      redirectUri: uiUrl,
      postLogoutRedirectUri: uiUrl,
      logoutUrl: `${props.domain.baseUrl()}/logout`,
      scope: LOGIN_SCOPES.map((s) => s.scopeName).join(' '),
    };
  }
}
