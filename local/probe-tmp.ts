import { performance } from 'node:perf_hooks';
import { startTestLocalMode } from './test/harness.js';
const local = await startTestLocalMode();
const token = await local.tokenOf('readers');
const reader = local.identityOf('readers');
for (const kind of ['browser', 'iam', 'browser', 'iam']) {
  const t0 = performance.now();
  const N = 2000;
  for (let i = 0; i < N; i += 50) {
    await Promise.all(Array.from({ length: 50 }, () => kind === 'browser' ? local.browser(token, 'GET', '/ajax-api/2.0/mlflow/experiments/get?experiment_id=0') : local.signed(reader, 'GET', '/api/2.0/mlflow/experiments/get?experiment_id=0')));
  }
  console.log(kind, (N / ((performance.now() - t0) / 1000)).toFixed(0), 'req/s');
}
await local.stop();
