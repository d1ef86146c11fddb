// API Gateway's authorizer cache around the real bundle, over the wire: keyed as deployed (token, method, path), the
// TTL from permissions.json, and a new Lambda call once the TTL has passed (the access log's `cache` field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';

let local: TestLocalMode;
let now = Date.now();

beforeAll(async () => {
  local = await startTestLocalMode({ now: () => now });
}, 120_000);
afterAll(async () => local?.stop());

const READ = '/ajax-api/2.0/mlflow/experiments/get?experiment_id=0';
const WRITE = '/ajax-api/2.0/mlflow/experiments/create';
const lastLine = () => JSON.parse(local.accessLog.at(-1) as string) as { status: number; cache: string; decision: string };

describe('the authorizer cache', () => {
  it('keeps a result per token, method and path for the TTL of permissions.json', async () => {
    const ttl = local.mode.generated.authorizer.authorizerCacheTtlSeconds;
    expect(ttl).toBeGreaterThan(0);
    const token = await local.tokenOf('readers');
    await local.browser(token, 'GET', READ);
    expect(lastLine()).toMatchObject({ status: 200, cache: 'miss', decision: 'allow' });
    await local.browser(token, 'POST', WRITE, '{}');
    expect(lastLine()).toMatchObject({ status: 403, cache: 'miss', decision: 'deny' });
    await local.browser(token, 'POST', WRITE, '{}');
    expect(lastLine()).toMatchObject({ status: 403, cache: 'hit', decision: 'deny' });
    // The query string is in neither the key nor the methodArn.
    await local.browser(token, 'GET', `${READ}&other=1`);
    expect(lastLine()).toMatchObject({ status: 200, cache: 'hit', decision: 'allow' });
    now += ttl * 1000 - 1;
    await local.browser(token, 'GET', READ);
    expect(lastLine()).toMatchObject({ status: 200, cache: 'hit' });
    now += 1;
    await local.browser(token, 'GET', READ);
    expect(lastLine()).toMatchObject({ status: 200, cache: 'miss' });
  });

  it('answers a request without the identity source with 401, logged as skipped', async () => {
    await local.browser(undefined, 'GET', READ);
    expect(lastLine()).toMatchObject({ status: 401, cache: 'skipped', decision: 'unauthorized' });
  });
});
