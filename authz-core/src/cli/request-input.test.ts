import { describe, expect, it } from 'vitest';
import { readPastedRequest } from './request-input.js';

// A fake router: only /ajax-api/... and /api/... paths are MLflow routes here.
const routes = (_method: string, path: string) => /^\/(ajax-)?api\//.test(path);
const read = (method: string | undefined, target: string, stage = 'prod') => readPastedRequest(method, target, stage, routes);

describe('reading a pasted request', () => {
  it.each([
    ['get', 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/ajax-api/2.0/mlflow/runs/get?run_id=1', 'GET', '/ajax-api/2.0/mlflow/runs/get'],
    ['POST', 'https://user@abc.execute-api.cn-north-1.amazonaws.com.cn:443/prod/api/2.0/x', 'POST', '/api/2.0/x'],
    ['Delete', '/prod/api/2.0/mlflow/runs/delete', 'DELETE', '/api/2.0/mlflow/runs/delete'],
    [undefined, 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', 'GET', '/'],
    [undefined, 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/#/experiments/1', 'GET', '/'],
    [undefined, 'https://mlflow.example.com/ajax-api/2.0/x?y=1#z', 'GET', '/ajax-api/2.0/x'],
    ['get', 'ajax-api/2.0/x', 'GET', '/ajax-api/2.0/x'],
    ['get', '', 'GET', '/'],
    ['get', '/prod/get-artifact?path=a', 'GET', '/get-artifact'],
    ['get', '/ajax-api/2.0/mlflow/%E2%9C%93//x/../y', 'GET', '/ajax-api/2.0/mlflow/%E2%9C%93//x/../y'],
    // METHOD URL pasted as one argument (an access log's request line); only a real method is taken off.
    [undefined, 'POST https://abc.execute-api.eu-west-1.amazonaws.com/prod/ajax-api/2.0/mlflow/runs/search', 'POST', '/ajax-api/2.0/mlflow/runs/search'],
    [undefined, 'delete /prod/api/2.0/x', 'DELETE', '/api/2.0/x'],
    [undefined, 'runs search', 'GET', '/runs search'],
    ['GET', 'POST /ajax-api/2.0/x', 'GET', '/POST /ajax-api/2.0/x'],
  ])('%s %s → %s %s', (method, target, wantMethod, wantPath) => {
    const result = read(method, target);
    expect(result).toMatchObject({ ok: true, request: { method: wantMethod, path: wantPath } });
  });

  it('names what it dropped, in the order it appeared', () => {
    const result = read('get', 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/ajax-api/x?q=1#f');
    expect(result.ok && result.request.dropped).toEqual([
      'the host https://abc.execute-api.eu-west-1.amazonaws.com',
      'the stage prefix /prod',
      'the query string',
      'the fragment #f (it never leaves the browser)',
    ]);
    expect(read('get', 'ajax-api/x')).toMatchObject({ ok: true, request: { notes: ['added the missing leading /'] } });
  });

  it('keeps a first segment equal to the stage when only the whole path is a route (a stage named like a prefix)', () => {
    expect(read('GET', '/api/2.0/x', 'api')).toMatchObject({ ok: true, request: { path: '/api/2.0/x', dropped: [] } });
    expect(read('GET', '/api/ajax-api/2.0/x', 'api')).toMatchObject({ ok: true, request: { path: '/ajax-api/2.0/x' } });
    expect(read('GET', 'https://a.execute-api.us-east-1.amazonaws.com/api/api/2.0/x', 'api')).toMatchObject({ ok: true, request: { path: '/api/2.0/x' } });
    expect(read('GET', '/prod/nothing-here')).toMatchObject({ ok: true, request: { path: '/nothing-here' } });
  });

  it('refuses a method that is not a word', () => {
    expect(read('GE T', '/')).toEqual({ ok: false, problem: '"GE T" is not an HTTP method' });
    expect(read('', '/')).toEqual({ ok: false, problem: '"" is not an HTTP method' });
  });
});
