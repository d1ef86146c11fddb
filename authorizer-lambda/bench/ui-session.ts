// A request trace of one person's MLflow UI session, for measuring what API Gateway's authorizer cache saves
// (cache-keys.bench.ts). Built from the UI's request mechanics in ../shared/notes/mlflow-ui.md (§1.1–1.4): every
// API call is a relative `fetch` with the bearer token; images in run charts and the Download button are
// `<img src>`/navigations on the cookie routes; the shell is public. What repeats: the runs table re-searched
// while auto-refresh is on, search pages, metric histories of many runs and metrics on one path (the query string
// differs, and is in neither the methodArn nor the cache key), `get-artifact` for every image; what does not:
// paths with ids in them (traces/{id}, logged-models/{id}, artifact-proxy paths). Counts and the 30 s poll are
// assumptions of this model, stated here, not measurements of a real UI.

/** One request as the authorizer sees it: when, which token travels where, method and path (no query string). */
export interface TraceRequest {
  readonly atSeconds: number;
  readonly source: 'header' | 'cookie';
  readonly method: string;
  readonly path: string;
}

const A2 = '/ajax-api/2.0/mlflow';
const A3 = '/ajax-api/3.0/mlflow';
/** The auto-refresh interval assumed for the runs table and the traces list (seconds). */
export const POLL_SECONDS = 30;

/** The trace of one session of `minutes` (default 30), deterministic. */
export function uiSessionTrace(minutes = 30): TraceRequest[] {
  const trace: TraceRequest[] = [];
  let t = 0;
  const at = (seconds: number, method: string, path: string, source: 'header' | 'cookie' = 'header'): void => {
    trace.push({ atSeconds: seconds, source, method, path });
  };
  const step = (seconds: number): number => (t += seconds);
  const poll = (seconds: number, method: string, path: string): void => {
    for (let s = POLL_SECONDS; s <= seconds; s += POLL_SECONDS) at(t + s, method, path);
    step(seconds);
  };

  // Landing: the shell and its static files are public (no authorizer); the experiment list. (The telemetry
  // worker's own fetch carries no token: with caching on, API Gateway answers it 401 without the Lambda.)
  at(t, 'POST', `${A2}/experiments/search`);
  for (let experiment = 0; experiment < 3; experiment++) {
    // The runs page: the experiment, the first pages of runs, the charts' metric histories and images.
    at(step(5), 'GET', `${A2}/experiments/get`);
    at(step(1), 'POST', `${A2}/runs/search`);
    at(step(3), 'POST', `${A2}/runs/search`);
    at(step(3), 'POST', `${A2}/runs/search`);
    for (let metric = 0; metric < 6; metric++) at(step(0.2), 'GET', `${A2}/metrics/get-history-bulk-interval`);
    for (let image = 0; image < 8; image++) at(step(0.1), 'GET', '/get-artifact', 'cookie');
    poll(120, 'POST', `${A2}/runs/search`);
    for (let run = 0; run < 4; run++) {
      // A run page: the run (GraphQL in 3.x), its artifact tree, a few metric histories, a preview, its logged model.
      at(step(10), 'POST', '/graphql');
      at(step(0.5), 'GET', `${A2}/runs/get`);
      at(step(0.5), 'GET', `${A2}/artifacts/list`);
      at(step(2), 'GET', `${A2}/artifacts/list`);
      for (let metric = 0; metric < 3; metric++) at(step(0.3), 'GET', `${A2}/metrics/get-history`);
      at(step(2), 'GET', '/get-artifact');
      at(step(0.5), 'GET', `${A2}/logged-models/m-${experiment}${run}`);
      at(step(0.5), 'GET', `${A2}/logged-models/m-${experiment}${run}/artifacts/directories`);
      if (run % 2 === 0) at(step(3), 'GET', `${A2}-artifacts/artifacts/${experiment}/r${run}/artifacts/model/MLmodel`, 'cookie');
    }
    // The traces tab: the list (polled), then a few traces and their span data.
    at(step(10), 'POST', `${A3}/traces/search`);
    poll(60, 'POST', `${A3}/traces/search`);
    for (let trace_ = 0; trace_ < 5; trace_++) {
      at(step(4), 'GET', `${A3}/traces/tr-${experiment}-${trace_}`);
      at(step(0.3), 'GET', `${A3}/get-trace-artifact`);
    }
  }
  // The model registry: the list, two models, their versions.
  at(step(20), 'GET', `${A2}/registered-models/search`);
  for (let model = 0; model < 2; model++) {
    at(step(5), 'GET', `${A2}/registered-models/get`);
    at(step(0.5), 'GET', `${A2}/model-versions/search`);
    at(step(3), 'GET', `${A2}/model-versions/get`);
    at(step(1), 'GET', '/model-versions/get-artifact', 'cookie');
  }
  // Back on the first experiment's runs page, left open with auto-refresh until the session ends.
  at(step(10), 'GET', `${A2}/experiments/get`);
  at(step(1), 'POST', `${A2}/runs/search`);
  const end = minutes * 60;
  if (t < end) poll(end - t, 'POST', `${A2}/runs/search`);
  return trace.filter((r) => r.atSeconds <= end);
}
