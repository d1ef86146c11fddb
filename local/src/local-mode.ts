import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { ensureBundle, loadAuthorizer, DEFAULT_BUNDLE } from './authorizer/bundle.js';
import { BrowserAuthorization } from './authorizer/browser-authorization.js';
import { cookieRoutes } from '@mlflow-authz/authorizer/deployment';
import { DEPLOYED_IDENTITY_SOURCES } from './authorizer/identity-sources.js';
import { HttpIntegration, INTEGRATION_TIMEOUT_MS } from './backend/proxy.js';
import type { StandIn } from './backend/stand-in.js';
import { startStandIn } from './backend/stand-in.js';
import type { LocalCredential } from './credentials/credentials-file.js';
import { loadCredentials } from './credentials/credentials-file.js';
import type { Principal } from './credentials/principals.js';
import { boundPrincipals, rolesOf } from './credentials/principals.js';
import type { AccessLogSink } from './gateway/access-log.js';
import { resourcesOf } from './gateway/api-resources.js';
import { serveGateway } from './gateway/gateway.js';
import { IamAuthorization } from './gateway/iam-authorization.js';
import { loginConfig } from './gateway/login-config.js';
import type { Generated } from './generated/read-generated.js';
import { readGenerated } from './generated/read-generated.js';
import { close, listen } from './http/listen.js';
import type { LocalApi } from './local-api.js';
import { DEFAULT_REGION, localApi } from './local-api.js';
import type { DemoUser } from './oidc/demo-users.js';
import { demoUsers } from './oidc/demo-users.js';
import { loadOidcState } from './oidc/oidc-state.js';
import type { OidcProvider } from './oidc/provider.js';
import { LOCAL_CLIENT_ID, LOGIN_SCOPE, startOidcProvider } from './oidc/provider.js';
import { defaultStateDir, PROJECT_ROOT } from './paths.js';
import type { StandInUi } from './ui/stand-in-ui.js';
import { prepareStandInUi } from './ui/stand-in-ui.js';
import { DEFAULT_UI_PATCH_DIST } from './ui/ui-patch-build.js';

/** How to run local mode; everything has a default. */
export interface LocalModeOptions {
  readonly root?: string;
  readonly host?: string;
  /** The gateway's port (0: any free port). */
  readonly port?: number;
  /** The OIDC provider's port (0: any free port; default: the gateway's + 1, or any when the gateway's is 0). */
  readonly oidcPort?: number;
  /** A running MLflow (`mlflow server`) to put behind the gateway; without it, the built-in stand-in. */
  readonly mlflowUrl?: string;
  /** A built MLflow UI folder the gateway serves at `/` and `/static-files/` instead of the backend's. */
  readonly uiFolder?: string;
  /**
   * Without `mlflowUrl` and `uiFolder`: serve the stand-in MLflow UI (an MLflow-shaped build with ui-patch's login
   * injected) at `/` and `/static-files/` (default true). False: those routes reach the stand-in's echo too.
   */
  readonly standInUi?: boolean;
  /** Where ui-patch's login script and injector are (default `ui-patch/dist`; built there when missing or stale). */
  readonly uiPatchDist?: string;
  /** The local credentials file; when given, it must exist. Default: `local/.state/credentials.json`, created. */
  readonly credentialsFile?: string;
  readonly stateDir?: string;
  readonly region?: string;
  /** The authorizer bundle; default the one `npm run build -w @mlflow-authz/authorizer` writes (built if stale). */
  readonly authorizerBundle?: string;
  /** Print the authorizer's own decision log lines too (its CloudWatch log in AWS). */
  readonly decisionLog?: boolean;
  readonly accessLog?: AccessLogSink;
  readonly integrationTimeoutMs?: number;
  readonly idTokenTtlSeconds?: number;
  /** The clock of the gateway's authorizer cache and SigV4 date window (tests move it). */
  readonly now?: () => number;
}

/** A SigV4 identity a notebook can use: its keys and the roles permissions.yaml binds to it. */
export interface NotebookIdentity {
  readonly credential: LocalCredential;
  readonly principal: Principal;
  readonly roles: readonly string[];
}

/** What the gateway serves at `/` and `/static-files/`. */
export type LocalUi =
  | { readonly kind: 'stand-in'; readonly folder: string; readonly uiPatchBuilt: boolean }
  | { readonly kind: 'folder'; readonly folder: string }
  | { readonly kind: 'backend' };

/** Local mode, running. */
export interface LocalMode {
  /** The stage URL with its slash, e.g. `http://127.0.0.1:8700/prod/`: the UI, and the MLflow tracking URI. */
  readonly baseUrl: string;
  readonly port: number;
  readonly api: LocalApi;
  readonly generated: Generated;
  readonly oidc: OidcProvider;
  readonly clientId: string;
  readonly users: readonly DemoUser[];
  readonly notebookIdentities: readonly NotebookIdentity[];
  readonly credentialsFile: string;
  readonly credentialsCreated: boolean;
  readonly addedPrincipals: readonly Principal[];
  /** Where requests go: the `--mlflow-url`, or the stand-in's URL. */
  readonly backendUrl: string;
  readonly standIn: StandIn | undefined;
  readonly ui: LocalUi;
  readonly authorizerBuilt: boolean;
  readonly browser: BrowserAuthorization;
  readonly stop: () => Promise<void>;
}

/**
 * Starts local mode: reads generated/ (refusing stale files), builds the authorizer bundle if needed, binds the
 * gateway, starts the OIDC provider and (without `mlflowUrl`) the MLflow stand-in, loads the authorizer in `oidc`
 * mode against that provider, and serves. Throws `LocalModeError` for anything the user can fix; whatever was
 * started is stopped again then.
 */
export async function startLocalMode(options: LocalModeOptions = {}): Promise<LocalMode> {
  const root = resolve(options.root ?? PROJECT_ROOT);
  const host = options.host ?? '127.0.0.1';
  const stateDir = options.stateDir ?? defaultStateDir(root);
  const region = options.region ?? DEFAULT_REGION;
  const { generated, api } = await readGenerated(root, (stage) => localApi(stage, region));
  const credentialsFile = options.credentialsFile ?? join(stateDir, 'credentials.json');
  const credentials = await loadCredentials(credentialsFile, boundPrincipals(generated.iamRoles), options.credentialsFile === undefined);
  const groups = Object.keys(generated.authorizer.cognitoGroups);
  const oidcState = await loadOidcState(join(stateDir, 'oidc.json'), groups);
  const users = demoUsers(generated.authorizer.cognitoGroups, oidcState.passwords);
  // The bundle builds (when stale) while the servers start; a failure below waits for it, so no build is orphaned.
  const bundle = resolve(root, options.authorizerBundle ?? DEFAULT_BUNDLE);
  const built = ensureBundle(root, bundle, generated.policyVersion);
  built.catch(() => undefined);
  // So does the stand-in UI (and ui-patch's artifacts, when stale).
  const standInUi: Promise<StandInUi | undefined> =
    options.mlflowUrl === undefined && options.uiFolder === undefined && options.standInUi !== false
      ? prepareStandInUi(root, resolve(root, options.uiPatchDist ?? DEFAULT_UI_PATCH_DIST))
      : Promise.resolve(undefined);
  standInUi.catch(() => undefined);

  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const server: Server = createServer();
    server.keepAliveTimeout = 65_000;
    const port = await listen(server, host, options.port ?? 8700, 'the gateway', '--port');
    cleanups.push(() => close(server));
    const baseUrl = `http://${host}:${port}/${api.stage}/`;
    const redirectUris = [...new Set([baseUrl, `http://localhost:${port}/${api.stage}/`, `http://127.0.0.1:${port}/${api.stage}/`])];
    const oidcPort = options.oidcPort ?? (options.port === 0 ? 0 : port + 1);
    const oidc = await startOidcProvider({ host, port: oidcPort, redirectUris, users, state: oidcState, idTokenTtlSeconds: options.idTokenTtlSeconds });
    cleanups.push(() => oidc.close());
    const standIn = options.mlflowUrl === undefined ? await startStandIn(host) : undefined;
    if (standIn !== undefined) cleanups.push(() => standIn.close());
    const backendUrl = options.mlflowUrl ?? (standIn as StandIn).url;
    const integration = new HttpIntegration(backendUrl, options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS);
    cleanups.push(() => integration.close());
    const authorizerBuilt = await built;
    const preparedUi = await standInUi;
    if (preparedUi !== undefined) cleanups.push(() => preparedUi.remove());
    const ui: LocalUi =
      preparedUi !== undefined
        ? { kind: 'stand-in', folder: preparedUi.folder, uiPatchBuilt: preparedUi.uiPatchBuilt }
        : options.uiFolder !== undefined
          ? { kind: 'folder', folder: resolve(options.uiFolder) }
          : { kind: 'backend' };
    const handler = await loadAuthorizer(bundle, {
      JWT_VERIFIER: 'oidc',
      OIDC_ISSUER: oidc.issuer,
      OIDC_JWKS_URI: oidc.jwksUri,
      OIDC_AUDIENCE: LOCAL_CLIENT_ID,
      POWERTOOLS_SERVICE_NAME: 'mlflow-authorizer-local',
      POWERTOOLS_LOG_LEVEL: options.decisionLog === true ? 'INFO' : 'WARN',
    });
    const browser = new BrowserAuthorization({
      handler,
      api,
      ttlSeconds: generated.authorizer.authorizerCacheTtlSeconds,
      identitySources: DEPLOYED_IDENTITY_SOURCES,
      cookieResources: resourcesOf(cookieRoutes()),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    const iam = new IamAuthorization(credentials.credentials, generated, region, options.now);
    serveGateway(server, {
      api,
      generated,
      browser,
      iam,
      integration,
      loginConfig: (base) => loginConfig(oidc.issuer, LOCAL_CLIENT_ID, base, LOGIN_SCOPE),
      baseUrl,
      port,
      uiFolder: ui.kind === 'backend' ? undefined : ui.folder,
      accessLog: options.accessLog ?? ((line) => process.stdout.write(line + '\n')),
    });
    return {
      baseUrl,
      port,
      api,
      generated,
      oidc,
      clientId: LOCAL_CLIENT_ID,
      users,
      notebookIdentities: credentials.credentials.map((credential) => ({ credential, principal: credential.principal, roles: rolesOf(credential.principal, generated.iamRoles) })),
      credentialsFile,
      credentialsCreated: credentials.created,
      addedPrincipals: credentials.added,
      backendUrl,
      standIn,
      ui,
      authorizerBuilt,
      browser,
      stop,
    };
  } catch (error) {
    await built.catch(() => undefined);
    await (await standInUi.catch(() => undefined))?.remove();
    await stop();
    throw error;
  }
}
