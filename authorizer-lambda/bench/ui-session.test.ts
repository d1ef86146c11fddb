import { authorizerExpected, showOutcome } from '@mlflow-authz/test/contract';
import { describe, expect, it } from 'vitest';
import { TEAM_TABLE } from '../test/harness.js';
import { replay } from './authorizer-cache.js';
import { uiSessionTrace } from './ui-session.js';

const trace = uiSessionTrace(30);

describe('the UI session trace of the cache bench', () => {
  it('holds only requests MLflow routes to operations a reader may call (kept true as the catalogue changes)', () => {
    const readers = new Set(TEAM_TABLE.roles['readers']);
    expect(trace.length).toBeGreaterThan(200);
    for (const r of trace) expect(showOutcome(authorizerExpected(readers, 'bearer', r)), `${r.method} ${r.path}`).toMatch(/^allow /);
  });

  it('replays through a cache that invokes once per key and TTL', () => {
    const distinct = new Set(trace.map((r) => `${r.source} ${r.method} ${r.path}`)).size;
    expect(replay(trace, 'token+method+path', 3600).invocations).toBe(distinct);
    expect(replay(trace, 'token', 3600).invocations).toBe(new Set(trace.map((r) => r.source)).size);
    expect(replay(trace, 'token', 0).invocations).toBe(trace.length);
    const run = replay(trace, 'token+method+path', 300);
    run.servedBy.forEach((by, i) => {
      expect(by).toBeLessThanOrEqual(i);
      expect(trace[i]?.atSeconds).toBeLessThan((trace[by]?.atSeconds ?? 0) + 300);
      expect(`${trace[by]?.method} ${trace[by]?.path}`).toBe(`${trace[i]?.method} ${trace[i]?.path}`);
    });
  });
});
