import { describe, expect, it } from 'vitest';
import type { Engine, HttpMethod, Operation } from '../catalogue/types.js';
import { Router } from './router.js';

function op(id: string, routes: [HttpMethod, string, Engine?][]): Operation {
  return {
    id,
    area: 'server',
    access: 'read',
    summary: id,
    notes: [],
    source: [],
    routes: routes.map(([method, path, engine]) => ({ method, path, engine: engine ?? 'flask' })),
  };
}

function routed(router: Router, method: string, path: string): string | undefined {
  const result = router.route(method, path);
  return result.kind === 'operation' ? result.operation.id : undefined;
}

describe('Werkzeug semantics (Flask routes)', () => {
  const router = new Router([
    op('GetTrace', [['GET', '/api/3.0/mlflow/traces/<trace_id>']]),
    op('SearchTraces', [['POST', '/api/3.0/mlflow/traces/search']]),
    op('DeleteTraces', [['POST', '/api/3.0/mlflow/traces/delete-traces']]),
    op('OldTrace', [['GET', '/api/2.0/mlflow/traces/<request_id>/info']]),
    op('Artifact', [['GET', '/api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>']]),
    op('Download', [['GET', '/files/<path:p>/content']]),
    op('Colon', [['POST', '/api/2.0/mlflow/logged-models:batchGet']]),
    op('Index', [['GET', '/']]),
    op('Slash', [['GET', '/slashed/']]),
  ]);

  it('prefers a literal segment over a template at the same position', () => {
    expect(routed(router, 'POST', '/api/3.0/mlflow/traces/search')).toBe('SearchTraces');
    expect(routed(router, 'GET', '/api/3.0/mlflow/traces/tr-123')).toBe('GetTrace');
  });

  it('backtracks to the template when the literal route does not take the method', () => {
    // Flask dispatches GET /traces/search to GetTrace with trace_id "search".
    expect(routed(router, 'GET', '/api/3.0/mlflow/traces/search')).toBe('GetTrace');
    expect(routed(router, 'POST', '/api/3.0/mlflow/traces/tr-123')).toBeUndefined();
  });

  it('matches <x> to exactly one segment and <path:x> to one or more', () => {
    expect(routed(router, 'GET', '/api/3.0/mlflow/traces/a/b')).toBeUndefined();
    expect(routed(router, 'GET', '/api/2.0/mlflow-artifacts/artifacts/a')).toBe('Artifact');
    expect(routed(router, 'GET', '/api/2.0/mlflow-artifacts/artifacts/a/b/c.txt')).toBe('Artifact');
    expect(routed(router, 'GET', '/api/2.0/mlflow-artifacts/artifacts/')).toBeUndefined();
    expect(routed(router, 'GET', '/files/a/b/content')).toBe('Download');
    expect(routed(router, 'GET', '/files/content')).toBeUndefined();
  });

  it('orders dynamic parts by Werkzeug\'s weights: more literal text first, then lighter converters', () => {
    const weighted = new Router([
      op('Plain', [['GET', '/x/<a>']]),
      op('Json', [['GET', '/x/<path:p>.json']]),
      op('Rest', [['GET', '/x/<path:p>']]),
    ]);
    expect(routed(weighted, 'GET', '/x/data.json')).toBe('Json');
    expect(routed(weighted, 'GET', '/x/data')).toBe('Plain');
    expect(routed(weighted, 'GET', '/x/d/e')).toBe('Rest');
  });

  it('answers HEAD for GET routes and nothing for OPTIONS or unknown methods', () => {
    expect(routed(router, 'HEAD', '/api/3.0/mlflow/traces/tr-1')).toBe('GetTrace');
    expect(router.route('OPTIONS', '/api/3.0/mlflow/traces/tr-1').kind).toBe('unsupported-method');
    expect(router.route('get', '/api/3.0/mlflow/traces/tr-1').kind).toBe('unsupported-method');
    expect(router.route('TRACE', '/').kind).toBe('unsupported-method');
  });

  it('keeps versions apart and is case-sensitive', () => {
    expect(routed(router, 'GET', '/api/2.0/mlflow/traces/tr-1')).toBeUndefined();
    expect(routed(router, 'GET', '/api/2.0/mlflow/traces/tr-1/info')).toBe('OldTrace');
    expect(routed(router, 'POST', '/API/3.0/mlflow/traces/search')).toBeUndefined();
  });

  it('treats trailing slashes strictly, as Flask does', () => {
    expect(routed(router, 'POST', '/api/3.0/mlflow/traces/search/')).toBeUndefined();
    expect(routed(router, 'GET', '/slashed/')).toBe('Slash');
    expect(routed(router, 'GET', '/slashed')).toBeUndefined();
    expect(routed(router, 'GET', '/')).toBe('Index');
  });

  it('routes literal segments containing a colon, raw or escaped, as MLflow decodes them', () => {
    expect(routed(router, 'POST', '/api/2.0/mlflow/logged-models:batchGet')).toBe('Colon');
    expect(routed(router, 'POST', '/api/2.0/mlflow/logged-models%3AbatchGet')).toBe('Colon');
  });

  it('matches decoded parameter values', () => {
    expect(routed(router, 'GET', '/api/3.0/mlflow/traces/tr%20%C3%A9')).toBe('GetTrace');
    expect(routed(router, 'GET', '/api/2.0/mlflow-artifacts/artifacts/dir/a%20b.txt')).toBe('Artifact');
  });
});

describe('malformed and ambiguous paths', () => {
  const router = new Router([
    op('GetTrace', [['GET', '/api/3.0/mlflow/traces/<trace_id>']]),
    op('SearchTraces', [['POST', '/api/3.0/mlflow/traces/search']]),
    op('Artifact', [['GET', '/api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>']]),
    op('Colon', [['POST', '/api/2.0/mlflow/logged-models:batchGet']]),
  ]);
  const cases: [string, string, string][] = [
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a/../b', 'dot-segment'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/./b', 'dot-segment'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a//b', 'empty-segment'],
    ['GET', '//api/3.0/mlflow/traces/x', 'empty-segment'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%2Fb', 'encoded-separator'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%2fb', 'encoded-separator'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%5Cb', 'encoded-separator'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/%2e%2e/b', 'encoded-dot'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%00', 'control-character'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a\u0000', 'control-character'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a\\b', 'backslash'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%zz', 'bad-escape'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a%', 'bad-escape'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/%C3', 'bad-escape'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a?x=1', 'query-or-fragment'],
    ['POST', '/api/3.0/mlflow/traces/%73earch', 'encoded-unreserved-character'],
    ['GET', '/api/3.0/mlflow/traces/tr-%7E', 'encoded-unreserved-character'],
    ['GET', '/api/3.0/mlflow/traces/tr%2D1', 'encoded-unreserved-character'],
    ['GET', 'api/3.0/mlflow/traces/x', 'not-absolute'],
    ['GET', '', 'not-absolute'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/' + 'a'.repeat(1600), 'too-long'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/' + 'é'.repeat(790), 'too-long'],
  ];
  it.each(cases)('%s %s is refused as %s', (method, path, reason) => {
    expect(router.route(method, path)).toEqual({ kind: 'malformed', reason });
  });

  it('accepts a path of exactly 1600 bytes', () => {
    const prefix = '/api/2.0/mlflow-artifacts/artifacts/';
    expect(routed(router, 'GET', prefix + 'a'.repeat(1600 - prefix.length))).toBe('Artifact');
  });
});

describe('Starlette semantics (FastAPI routes) in front of Flask', () => {
  const router = new Router([
    op('FastFirst', [['GET', '/gateway/{name}/invocations', 'fastapi']]),
    op('FastCatchAll', [['GET', '/gateway/{rest:path}', 'fastapi']]),
    op('FastPost', [['POST', '/ajax-api/3.0/mlflow/assistant/{session_id}', 'fastapi']]),
    op('FlaskSame', [['GET', '/ajax-api/3.0/mlflow/assistant/<session_id>']]),
    op('FlaskOther', [['GET', '/gateway/special/invocations']]),
  ]);

  it('tries FastAPI routes first, in registration order, not by literal precedence', () => {
    expect(routed(router, 'GET', '/gateway/special/invocations')).toBe('FastFirst');
    expect(routed(router, 'GET', '/gateway/a/b/c')).toBe('FastCatchAll');
    expect(routed(router, 'GET', '/gateway/')).toBe('FastCatchAll');
  });

  it('does not answer HEAD from FastAPI routes', () => {
    expect(routed(router, 'HEAD', '/gateway/a/invocations')).toBeUndefined();
    expect(routed(router, 'HEAD', '/ajax-api/3.0/mlflow/assistant/s1')).toBe('FlaskSame');
  });

  it('falls through to Flask when only the path matches', () => {
    expect(routed(router, 'POST', '/ajax-api/3.0/mlflow/assistant/s1')).toBe('FastPost');
    expect(routed(router, 'GET', '/ajax-api/3.0/mlflow/assistant/s1')).toBe('FlaskSame');
  });
});

describe('refuseEncodedUnreserved: false (MLflow\'s own reading of non-canonical escapes)', () => {
  const operations = [
    op('GetTrace', [['GET', '/api/3.0/mlflow/traces/<trace_id>']]),
    op('SearchTraces', [['POST', '/api/3.0/mlflow/traces/search']]),
    op('Artifact', [['GET', '/api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>']]),
  ];
  const strict = new Router(operations);
  const lenient = new Router(operations, { refuseEncodedUnreserved: false });

  it('decodes escaped unreserved characters, so an escaped literal reaches the literal route', () => {
    expect(strict.route('POST', '/api/3.0/mlflow/traces/%73earch')).toEqual({ kind: 'malformed', reason: 'encoded-unreserved-character' });
    expect(routed(lenient, 'POST', '/api/3.0/mlflow/traces/%73earch')).toBe('SearchTraces');
    expect(routed(lenient, 'POST', '/api/3.0/mlflow/traces/se%61rch')).toBe('SearchTraces');
    expect(routed(lenient, 'POST', '/%61pi/3.0/mlflow/traces/search')).toBe('SearchTraces');
    expect(routed(lenient, 'GET', '/api/3.0/mlflow/traces/tr%2D%7e1')).toBe('GetTrace');
    expect(routed(lenient, 'GET', '/api/2.0/mlflow-artifacts/artifacts/%41/b')).toBe('Artifact');
  });

  it('still refuses every other malformed path', () => {
    for (const [path, reason] of [
      ['/api/3.0/mlflow/traces/a%2Fb', 'encoded-separator'],
      ['/api/3.0/mlflow/traces/%2e%2e', 'encoded-dot'],
      ['/api/3.0/mlflow/traces/%00', 'control-character'],
      ['/api/3.0/mlflow/traces/%zz', 'bad-escape'],
      ['/api/3.0/mlflow/traces//x', 'empty-segment'],
      ['/api/3.0/mlflow/traces/../x', 'dot-segment'],
    ] as const) {
      expect(lenient.route('GET', path)).toEqual({ kind: 'malformed', reason });
    }
  });

  it('routes every canonical path exactly as the default router does', () => {
    for (const path of ['/api/3.0/mlflow/traces/search', '/api/3.0/mlflow/traces/tr%20%C3%A9', '/api/2.0/mlflow-artifacts/artifacts/a/b', '/nowhere']) {
      for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS']) expect(lenient.route(method, path)).toEqual(strict.route(method, path));
    }
  });
});
