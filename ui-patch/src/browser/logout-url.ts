/**
 * Cognito's logout address (not OIDC RP-initiated logout): `<logoutUrl>?client_id=<id>&logout_uri=<uri>`, where
 * `logout_uri` must be one of the app client's allowed sign-out URLs.
 */
export function logoutUrl(cognitoLogout: string, clientId: string, logoutUri: string): string {
  const url = new URL(cognitoLogout);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('logout_uri', logoutUri);
  return url.href;
}
