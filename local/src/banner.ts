import { relative } from 'node:path';
import { principalKey } from './credentials/principals.js';
import type { LocalMode } from './local-mode.js';

/** The Python plugin's name for `MLFLOW_TRACKING_AUTH` (clients/python/). */
export const PYTHON_PLUGIN_AUTH = 'execute-api-sigv4';

/**
 * What `npm run local` prints once it serves: where things are, how to log in, how to point a notebook at it.
 * `startedMs`: the time since the process started.
 */
export function banner(mode: LocalMode, root: string, startedMs: number): string {
  const { api, generated } = mode;
  const trackingUri = mode.baseUrl.replace(/\/$/, '');
  const width = Math.max(...mode.users.map((u) => u.username.length));
  const lines = [
    `MLflow local mode: API Gateway, the Lambda authorizer and the IAM policies of permissions.yaml, on this machine`,
    `  policy version ${generated.policyVersion} · stage ${api.stage} · authorizer cache TTL ${generated.authorizer.authorizerCacheTtlSeconds} s · region ${api.region}`,
    ``,
    `  Gateway         ${mode.baseUrl}`,
    `  MLflow          ${mode.standIn === undefined ? mode.backendUrl : 'built-in stand-in (every MLflow route answers with the operation it reached; --mlflow-url URL for a real one)'}`,
    `  UI              ${uiLine(mode, root)}`,
    `  OIDC provider   ${mode.oidc.issuer}  (stands in for Cognito; client id ${mode.clientId})`,
    ``,
    `Browser: open ${mode.baseUrl} and sign in as one demo user per Cognito group:`,
    ...mode.users.map((u) => `  ${u.username.padEnd(width)}  password ${u.password}   (group ${u.groups.join(', ')} → role ${u.role})`),
    `  Login configuration for the UI: ${mode.baseUrl}mlflow-login.json`,
    ``,
    `Notebook (SigV4 on the /api/ surface), with the plugin from clients/python/ (pip install ./clients/python):`,
    `  export MLFLOW_TRACKING_URI=${trackingUri} MLFLOW_TRACKING_AUTH=${PYTHON_PLUGIN_AUTH} AWS_REGION=${api.region}`,
    `  then the keys of one identity (from ${relative(root, mode.credentialsFile) || mode.credentialsFile}${mode.credentialsCreated ? ', created now' : ''}):`,
    ...mode.notebookIdentities.map(
      (n) =>
        `  # ${principalKey(n.principal)} → ${n.roles.length === 0 ? 'no role (no longer bound in permissions.yaml: every request is denied)' : `role ${n.roles.join(', ')}`}\n` +
        `  export AWS_ACCESS_KEY_ID=${n.credential.accessKeyId} AWS_SECRET_ACCESS_KEY=${n.credential.secretAccessKey}` +
        (n.credential.sessionToken === undefined ? '' : ` AWS_SESSION_TOKEN=${n.credential.sessionToken}`),
    ),
    ...(mode.addedPrincipals.length === 0 ? [] : [`  (keys added for newly bound ${mode.addedPrincipals.map(principalKey).join(', ')})`]),
    ``,
    `Access log below, one JSON line per request. Ctrl-C stops. Started in ${(startedMs / 1000).toFixed(1)} s${rebuilt(mode)}.`,
  ];
  return lines.join('\n');
}

function uiLine(mode: LocalMode, root: string): string {
  const { ui } = mode;
  if (ui.kind === 'stand-in') return "stand-in MLflow UI with ui-patch's login injected (an MLflow-shaped build; sign in at the gateway URL)";
  if (ui.kind === 'folder') return `${relative(root, ui.folder) || ui.folder} (served at / and /static-files/)`;
  return "MLflow's own, through the gateway (no login injected: serve an injected build with --ui-dir to sign in)";
}

function rebuilt(mode: LocalMode): string {
  const parts = [...(mode.authorizerBuilt ? ['authorizer bundle'] : []), ...(mode.ui.kind === 'stand-in' && mode.ui.uiPatchBuilt ? ["ui-patch's login script"] : [])];
  return parts.length === 0 ? '' : ` (${parts.join(' and ')} rebuilt)`;
}
