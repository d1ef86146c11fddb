import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeAuth } from '../../test/support/fake-auth.js';
import { fakeXhrClass } from '../../test/support/fake-xhr.js';
import { weighted } from '../../test/support/weighted.js';
import { ApiScope } from './api-scope.js';
import { wrapXhr } from './xhr-wrapper.js';

const BASE = 'https://mlflow.example.com/prod/';
const PAGE = `${BASE}#/`;

function setup(statuses: readonly number[], auth = new FakeAuth('token-a', 'token-b')) {
  let answered = 0;
  const { FakeXhr, sent } = fakeXhrClass(() => ({ status: statuses[Math.min(answered++, statuses.length - 1)] ?? 200, body: `answer ${answered}` }));
  const Xhr = wrapXhr(FakeXhr, { scope: new ApiScope(BASE), auth, documentBase: () => PAGE });
  return { Xhr, sent, auth };
}

interface AppCall {
  readonly method?: string;
  readonly url: string;
  readonly headers?: [string, string][];
  readonly body?: string | null;
  /** Listen through `onreadystatechange`/`onload`/`onloadend` (set before send) instead of addEventListener. */
  readonly handlers?: boolean;
}

/** Runs one request as an app would and resolves with what the app's own listeners saw, at loadend. */
function appRequest(Xhr: typeof XMLHttpRequest, call: AppCall): Promise<{ xhr: XMLHttpRequest; log: string[] }> {
  return new Promise((resolve) => {
    const xhr = new Xhr();
    const log: string[] = [];
    const note = (type: string) => () => log.push(`${type}:${xhr.readyState}:${xhr.status}`);
    xhr.open(call.method ?? 'GET', call.url);
    for (const [name, value] of call.headers ?? []) xhr.setRequestHeader(name, value);
    if (call.handlers === true) {
      xhr.onreadystatechange = note('readystatechange');
      xhr.onload = note('load');
      xhr.onloadend = () => (note('loadend')(), resolve({ xhr, log }));
    } else {
      for (const type of ['readystatechange', 'load', 'error', 'abort']) xhr.addEventListener(type, note(type));
      xhr.addEventListener('loadend', () => (note('loadend')(), resolve({ xhr, log })));
    }
    xhr.send(call.body ?? null);
  });
}

const completion = (status: number) => [`readystatechange:4:${status}`, `load:4:${status}`, `loadend:4:${status}`];

describe('wrapXhr', () => {
  it('adds the bearer token to an API request once the session has one, keeping the app headers', async () => {
    const { Xhr, sent } = setup([200]);
    const { log } = await appRequest(Xhr, { method: 'POST', url: 'graphql', headers: [['Content-Type', 'application/json'], ['X-MLflow-Workspace', 'team-a']], body: '{"q":1}' });
    expect(sent).toEqual([
      { method: 'POST', url: 'graphql', headers: { 'content-type': 'application/json', 'x-mlflow-workspace': 'team-a', authorization: 'Bearer token-a' }, body: '{"q":1}' },
    ]);
    expect(log.slice(-3)).toEqual(completion(200));
  });

  it('leaves other origins and paths outside the UI alone', async () => {
    for (const url of ['https://evil.example/prod/graphql', '//evil.example/prod/x', '../ajax-api/2.0/x']) {
      const { Xhr, sent, auth } = setup([401]);
      await appRequest(Xhr, { url });
      expect(sent[0]?.headers['authorization']).toBeUndefined();
      expect(auth.calls).toEqual([]);
    }
  });

  it('never replaces the app\'s Authorization and does not retry it', async () => {
    const { Xhr, sent, auth } = setup([401, 200]);
    const { log } = await appRequest(Xhr, { url: 'graphql', headers: [['Authorization', 'Basic YTpi']] });
    expect(sent.map((s) => s.headers['authorization'])).toEqual(['Basic YTpi']);
    expect(auth.calls).toEqual([]);
    expect(log.slice(-3)).toEqual(completion(401));
  });

  for (const handlers of [false, true]) {
    it(`on a 401 renews and retries once, the app seeing only the retry (${handlers ? 'handler attributes' : 'listeners'})`, async () => {
      const { Xhr, sent, auth } = setup([401, 200]);
      const { log, xhr } = await appRequest(Xhr, { method: 'POST', url: 'ajax-api/2.0/mlflow/runs/search', headers: [['X-MLflow-Workspace', 'w']], body: '{}', handlers });
      expect(sent.map((s) => [s.headers['authorization'], s.headers['x-mlflow-workspace'], s.body])).toEqual([
        ['Bearer token-a', 'w', '{}'],
        ['Bearer token-b', 'w', '{}'],
      ]);
      expect(auth.calls).toEqual(['token', 'renew:token-a']);
      expect(log.filter((entry) => entry.includes(':401'))).toEqual([]);
      expect(log.slice(-3)).toEqual(completion(200));
      expect(log.filter((entry) => entry.startsWith('loadend'))).toHaveLength(1);
      expect(xhr.responseText).toBe('answer 2');
    });
  }

  it('delivers the held-back 401 when no new token comes', async () => {
    const { Xhr, sent } = setup([401, 200], new FakeAuth('token-a', null));
    const { log, xhr } = await appRequest(Xhr, { url: 'graphql' });
    expect(sent).toHaveLength(1);
    expect(log).toEqual(completion(401));
    expect(xhr.status).toBe(401);
  });

  it('retries only once: a second 401 reaches the app', async () => {
    const { Xhr, sent } = setup([401, 401, 200]);
    const { log } = await appRequest(Xhr, { url: 'graphql' });
    expect(sent).toHaveLength(2);
    expect(log.slice(-3)).toEqual(completion(401));
  });

  it('reports a 403 and passes it on unchanged', async () => {
    const { Xhr, sent, auth } = setup([403]);
    const { log } = await appRequest(Xhr, { method: 'post', url: 'ajax-api/2.0/mlflow/experiments/delete', body: '{}' });
    expect(sent).toHaveLength(1);
    expect(log.slice(-3)).toEqual(completion(403));
    expect(auth.calls).toEqual(['token', `forbidden:POST ${BASE}ajax-api/2.0/mlflow/experiments/delete`]);
  });

  it('gives a synchronous request the current token, without waiting or retrying', () => {
    const { Xhr, sent, auth } = setup([401, 200]);
    const xhr = new Xhr();
    xhr.open('GET', 'ajax-api/2.0/mlflow/experiments/get', false);
    xhr.send();
    expect(xhr.status).toBe(401);
    expect(sent.map((s) => s.headers['authorization'])).toEqual(['Bearer token-a']);
    expect(auth.calls).toEqual(['currentToken']);
  });

  it('sends nothing when the app aborts while the token is awaited, and tells the app it aborted', async () => {
    const { Xhr, sent } = setup([200]);
    const xhr = new Xhr();
    const log: string[] = [];
    for (const type of ['abort', 'loadend', 'load']) xhr.addEventListener(type, () => log.push(type));
    xhr.open('GET', 'graphql');
    xhr.send();
    xhr.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toEqual([]);
    expect(log).toEqual(['abort', 'loadend']);
  });

  it('refuses a second send while the first waits for the token, as XMLHttpRequest does', () => {
    const { Xhr } = setup([200]);
    const xhr = new Xhr();
    xhr.open('GET', 'graphql');
    xhr.send();
    expect(() => xhr.send()).toThrow(/twice/);
  });

  const call = fc.record({
    url: weighted(['graphql', 2], ['ajax-api/2.0/mlflow/runs/search', 2], [`${BASE}get-artifact?path=a`, 2], ['https://evil.example/prod/graphql', 1], ['../x', 1]),
    appAuthorization: weighted([false, 4], [true, 1]),
    workspace: fc.boolean(),
    body: fc.constantFrom(null, '{"a":1}'),
    token: weighted<string | null>(['token-a', 4], [null, 1]),
    renewed: weighted<string | null>(['token-b', 3], ['token-a', 1], [null, 1]),
    statuses: fc.tuple(weighted([401, 3], [200, 1], [403, 1]), fc.constantFrom(200, 401, 403)),
    handlers: fc.boolean(),
  });

  it('holds for any request: the app sees one completion with the status of the last attempt, retried only after a 401 with a new token', async () => {
    const outcomes = { retried: 0, passed: 0, untouched: 0 };
    await fc.assert(
      fc.asyncProperty(call, async (c) => {
        const { Xhr, sent } = setup(c.statuses, new FakeAuth(c.token, c.renewed));
        const headers: [string, string][] = [...(c.workspace ? [['X-MLflow-Workspace', 'w'] as [string, string]] : []), ...(c.appAuthorization ? [['Authorization', 'Basic YTpi'] as [string, string]] : [])];
        const { log, xhr } = await appRequest(Xhr, { method: c.body === null ? 'GET' : 'POST', url: c.url, headers, body: c.body, handlers: c.handlers });
        const covered = !c.url.includes('evil') && !c.url.startsWith('..');
        const tokenAdded = covered && !c.appAuthorization && c.token !== null;
        const retry = tokenAdded && c.statuses[0] === 401 && c.renewed !== null && c.renewed !== c.token;
        expect(sent).toHaveLength(retry ? 2 : 1);
        sent.forEach((request, i) => {
          expect(request.headers['authorization']).toBe(c.appAuthorization ? 'Basic YTpi' : tokenAdded ? `Bearer ${i === 0 ? c.token : c.renewed}` : undefined);
          expect(request.headers['x-mlflow-workspace']).toBe(c.workspace ? 'w' : undefined);
          expect(request.body).toBe(c.body);
        });
        const last = c.statuses[sent.length - 1];
        expect(xhr.status).toBe(last);
        expect(log.slice(-3)).toEqual(completion(last ?? 0));
        expect(log.filter((entry) => entry.startsWith('load:'))).toHaveLength(1);
        if (retry) outcomes.retried++;
        else if (covered) outcomes.passed++;
        else outcomes.untouched++;
      }),
      // 600 runs: at 300 a retry came about 51 times (sd 6.5), three standard deviations above the minimum of 30;
      // at 600 every minimum below sits 8 or more below its mean.
      { numRuns: 600 },
    );
    expect(outcomes.retried).toBeGreaterThan(30);
    expect(outcomes.passed).toBeGreaterThan(50);
    expect(outcomes.untouched).toBeGreaterThan(50);
  });
});
