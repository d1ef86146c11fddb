import type { Provenance } from '../types.js';

/** An operation the MLflow UI calls as it loads, why it matters (or why no role needs it), and where that was read. */
export interface UiLoadCall {
  readonly operation: string;
  readonly reason: string;
  readonly source: Provenance;
}

// What decides whether a signed-in user sees a working UI rather than a frame of error messages, read from the
// UI source of the pinned MLflow era. A Cognito-bound role must grant every one of these (`authz lint`:
// ui-unloadable).
export const UI_LOAD_CALLS: readonly UiLoadCall[] = [
  {
    operation: 'get_server_info',
    reason: "every page first reads the server's capabilities, such as whether workspaces are on; denied, it assumes they are off",
    source: { file: 'mlflow/server/js/src/experiment-tracking/hooks/useServerInfo.tsx', commit: '008d94c9911c3b423798327760a1e200ff9c6186' },
  },
  {
    operation: 'SearchExperiments',
    reason: 'the home page lists the recent experiments, and the experiments page lists them all',
    source: { file: 'mlflow/server/js/src/home/HomePage.tsx', commit: '8c6de0de91fd1747031943967779cdc7e8ca0361' },
  },
];

// Calls the UI makes as it loads that no role needs to grant, and why: listed so that nobody adds them above.
export const UI_LOAD_CALLS_NOT_REQUIRED: readonly UiLoadCall[] = [
  {
    operation: 'serve',
    reason: 'the UI shell (GET /): the gateway serves it without authorization',
    source: { file: 'mlflow/server/__init__.py', commit: '4bbd74f6c6800e49dddb20130dffd44ff62c74e2' },
  },
  {
    operation: 'serve_static_file',
    reason: "the UI's JavaScript and CSS (GET /static-files/...): the gateway serves them without authorization",
    source: { file: 'mlflow/server/__init__.py', commit: '4bbd74f6c6800e49dddb20130dffd44ff62c74e2' },
  },
  {
    operation: 'serve_get_ui_telemetry',
    reason:
      'the telemetry SharedWorker fetches its configuration with its own fetch, to which the login script cannot add an Authorization header, so the authorizer refuses it whatever a role grants; the worker then leaves telemetry off',
    source: { file: 'mlflow/server/js/src/telemetry/worker/TelemetryLogger.worker.ts', commit: '1e0c1b3c51251b95084fa2682c8dd1aec81ad659' },
  },
];
