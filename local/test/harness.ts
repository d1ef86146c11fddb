// Local mode started for a test file: a temporary state folder, any free ports, the run's authorizer bundle (built
// once per run), the access log captured; helpers to get a demo user's token and to send signed requests.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFolder } from '@mlflow-authz/test/run-folder';
import type { LocalMode, LocalModeOptions, NotebookIdentity } from '../src/local-mode.js';
import { startLocalMode } from '../src/local-mode.js';
import { newSigningKey } from '../src/oidc/oidc-state.js';
import type { RawResponse } from './http.js';
import { send } from './http.js';
import { loginOverHttp } from './oidc-login.js';
import { smithySign } from './sign.js';

/** Local mode under test. */
export interface TestLocalMode {
  readonly mode: LocalMode;
  /** The temporary state folder (credentials.json, oidc.json). */
  readonly stateDir: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly accessLog: string[];
  /** A fresh ID token of the demo user `username`. */
  readonly tokenOf: (username: string) => Promise<string>;
  /**
   * The SigV4 identity bound to the role of the Cognito group `group` (the demo user named after it): tests name
   * users and identities by group, which a role's rename in permissions.yaml leaves as they are.
   */
  readonly identityOf: (group: string) => NotebookIdentity;
  /** The role the Cognito group `group` is bound to. */
  readonly roleOf: (group: string) => string;
  /** Sends `method /STAGE…path` with a bearer token. */
  readonly browser: (token: string | undefined, method: string, path: string, body?: string | Buffer, headers?: Record<string, string>) => Promise<RawResponse>;
  /** Sends `method /STAGE…path` signed with SigV4 as `identity` (at `date`). */
  readonly signed: (identity: NotebookIdentity, method: string, path: string, body?: string | Buffer, date?: Date) => Promise<RawResponse>;
  readonly stop: () => Promise<void>;
}

/**
 * Where this run's ui-patch build goes: the vitest run's folder (test/support/run-folder.ts, removed when the run ends)
 * beside the run's authorizer bundle. The first test process that needs either builds it; the others find it fresh
 * and reuse it. Both are built beside their target and renamed into place, so a reader never sees half of one, and
 * two processes building at once only duplicate work. (The default dist/ files are left alone: a developer's
 * rebuild must not change them under a run.)
 */
export async function testUiPatchDist(): Promise<string> {
  const dir = join(runFolder(), 'local-mode-builds');
  await mkdir(dir, { recursive: true });
  return join(dir, 'ui-patch');
}

/** The run's authorizer bundle (see testUiPatchDist). */
export async function testAuthorizerBundle(): Promise<string> {
  return join(await testUiPatchDist(), '..', 'authorizer.mjs');
}

/**
 * Starts `stateDir` with an OIDC state file holding the run's signing key (an RSA key made once per run, as
 * generating one costs a few hundred milliseconds) and no passwords: local mode adds the demo users' passwords as it
 * does to an existing state file. (Making a state file from nothing is provider.test.ts's.)
 */
async function seedOidcState(stateDir: string): Promise<void> {
  const keyFile = join(await testUiPatchDist(), '..', 'oidc-signing-key.json');
  let signingKey = await readFile(keyFile, 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined);
  if (signingKey === undefined) {
    signingKey = newSigningKey();
    const temporary = `${keyFile}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(signingKey), { mode: 0o600 });
    await rename(temporary, keyFile);
  }
  const state = { version: 1, signingKey, cookieKeys: [randomBytes(24).toString('base64url')], passwords: {} };
  await writeFile(join(stateDir, 'oidc.json'), JSON.stringify(state), { mode: 0o600 });
}

/**
 * Starts local mode for a test; `options` override the test defaults, which differ from `npm run local`'s in one
 * respect: `/` and `/static-files/` reach the stand-in's echo like every other route (`standInUi: true` serves the
 * stand-in MLflow UI with ui-patch's login, as `npm run local` does).
 */
export async function startTestLocalMode(options: LocalModeOptions = {}): Promise<TestLocalMode> {
  const uiPatchDist = await testUiPatchDist();
  const bundle = await testAuthorizerBundle();
  const dir = await mkdtemp(join(tmpdir(), 'local-mode-'));
  if (options.stateDir === undefined) await seedOidcState(dir);
  const accessLog: string[] = [];
  const mode = await startLocalMode({
    port: 0,
    stateDir: dir,
    authorizerBundle: bundle,
    standInUi: false,
    uiPatchDist,
    accessLog: (line) => accessLog.push(line),
    ...options,
  });
  const origin = `http://127.0.0.1:${mode.port}`;
  const roleOf = (group: string): string => {
    const role = mode.generated.authorizer.cognitoGroups[group];
    if (role === undefined) throw new Error(`permissions.yaml binds no role to the Cognito group ${group}`);
    return role;
  };
  const stage = `/${mode.api.stage}`;
  return {
    mode,
    stateDir: dir,
    origin,
    accessLog,
    tokenOf: async (username) => {
      const user = mode.users.find((u) => u.username === username);
      if (user === undefined) throw new Error(`no demo user ${username}`);
      return (await loginOverHttp(mode.oidc.issuer, mode.clientId, mode.baseUrl, username, user.password)).id_token;
    },
    identityOf: (group) => {
      const role = roleOf(group);
      const identity = mode.notebookIdentities.find((n) => n.roles.includes(role));
      if (identity === undefined) throw new Error(`no SigV4 identity bound to role ${role} (of group ${group})`);
      return identity;
    },
    roleOf,
    browser: (token, method, path, body, headers = {}) =>
      send(origin, method, stage + path, { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...headers }, body),
    signed: async (identity, method, path, body, date) => {
      const headers = await smithySign({ method, url: origin + stage + path, body }, identity.credential, mode.api.region, date);
      return send(origin, method, stage + path, headers, body);
    },
    stop: async () => {
      await mode.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
