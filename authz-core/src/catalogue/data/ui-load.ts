import type { Provenance } from '../types.js';

/** An operation the MLflow UI calls as it loads, why, and where that was read. */
export interface UiLoadCall {
  readonly operation: string;
  readonly reason: string;
  readonly source: Provenance;
}

// The UI shell (`serve`: GET /, `serve_static_file`: GET /static-files/...) is served publicly by the gateway, so
// no role needs it. Once the shell has loaded, these calls decide whether a signed-in user sees a working UI
// rather than a frame of error messages. Read from the UI source of the pinned MLflow era.
export const UI_LOAD_CALLS: readonly UiLoadCall[] = [
  {
    operation: 'get_server_info',
    reason: 'every page reads the server capabilities (workspaces, store type) first; denied, the UI assumes no workspaces',
    source: { file: 'mlflow/server/js/src/experiment-tracking/hooks/useServerInfo.tsx', commit: '008d94c9911c3b423798327760a1e200ff9c6186' },
  },
  {
    operation: 'SearchExperiments',
    reason: 'the home page lists the recent experiments, and the experiments page lists them all',
    source: { file: 'mlflow/server/js/src/home/HomePage.tsx', commit: '8c6de0de91fd1747031943967779cdc7e8ca0361' },
  },
  {
    operation: 'serve_get_ui_telemetry',
    reason: "the UI's telemetry worker reads its configuration at start; denied, every page logs an error",
    source: { file: 'mlflow/server/js/src/telemetry/worker/TelemetryLogger.worker.ts', commit: '1e0c1b3c51251b95084fa2682c8dd1aec81ad659' },
  },
];
