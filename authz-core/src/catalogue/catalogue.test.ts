import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import type { ConverterKind, ParsedTemplate } from '../router/template.js';
import { instantiate, isLiteralSegment, literalText, parseTemplate } from '../router/template.js';
import { CATALOGUE } from './catalogue.js';
import type { Operation, RouteSpec } from './types.js';
import { catalogueProblems, literalCharacterProblems } from './validate.js';

const router = new Router(CATALOGUE);
const ROUTES: { op: Operation; route: RouteSpec; template: ParsedTemplate }[] = CATALOGUE.flatMap((op) =>
  op.routes.map((route) => ({ op, route, template: parseTemplate(route.path, route.engine) })),
);
const LITERAL_SEGMENTS = new Set(
  ROUTES.flatMap(({ template }) => template.segments.filter(isLiteralSegment).map(literalText)),
);

function routed(method: string, path: string): string | undefined {
  const result = router.route(method, path);
  return result.kind === 'operation' ? result.operation.id : undefined;
}

describe('the catalogue', () => {
  it('is structurally sound: unique ids and routes, parseable templates, provenance', () => {
    expect(catalogueProblems(CATALOGUE)).toEqual([]);
  });

  it('uses only unreserved characters in literal route text on the /api/ surface', () => {
    expect(literalCharacterProblems(CATALOGUE)).toEqual([]);
  });

  it('routes every template, instantiated with sample values, back to its own operation', () => {
    const sample = (name: string, converter: ConverterKind) =>
      converter === 'path' ? `dir-${name}/file-${name}.txt` : converter === 'int' ? '42' : `v-${name}`;
    const misrouted = ROUTES.flatMap(({ op, route, template }) => {
      const path = instantiate(template, sample);
      const methods = route.method === 'GET' && route.engine === 'flask' ? ['GET', 'HEAD'] : [route.method];
      return methods.flatMap((method) => {
        const got = routed(method, path);
        return got === op.id ? [] : [`${method} ${path}: expected ${op.id}, got ${got}`];
      });
    });
    expect(misrouted).toEqual([]);
  });
});

describe('MLflow dispatch semantics on the real catalogue', () => {
  it.each([
    ['POST', '/api/3.0/mlflow/traces/search', 'SearchTracesV3'],
    ['GET', '/api/3.0/mlflow/traces/search', 'GetTraceInfoV3'],
    ['GET', '/api/3.0/mlflow/traces/tr-0123', 'GetTraceInfoV3'],
    ['GET', '/api/3.0/mlflow/traces/get', 'GetTrace'],
    ['POST', '/ajax-api/2.0/mlflow/logged-models/search', 'SearchLoggedModels'],
    ['GET', '/ajax-api/2.0/mlflow/logged-models/search', 'GetLoggedModel'],
    ['DELETE', '/api/2.0/mlflow/logged-models/search', 'DeleteLoggedModel'],
    ['POST', '/api/3.0/mlflow/datasets/search', 'SearchEvaluationDatasets'],
    ['GET', '/api/3.0/mlflow/datasets/search', 'SearchEvaluationDatasets'],
    ['DELETE', '/api/3.0/mlflow/datasets/search', 'DeleteDataset'],
    ['GET', '/api/3.0/mlflow/datasets/d-1', 'GetDataset'],
    ['POST', '/api/2.0/mlflow/traces', 'StartTrace'],
    ['POST', '/api/3.0/mlflow/traces', 'StartTraceV3'],
    ['POST', '/api/2.0/mlflow/traces/delete-traces', 'DeleteTraces'],
    ['POST', '/api/3.0/mlflow/traces/delete-traces', 'DeleteTracesV3'],
    ['PATCH', '/api/2.0/mlflow/traces/link-to-run', 'EndTrace'],
    ['GET', '/ajax-api/3.0/mlflow/jobs/cancel', 'get_job'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/a/b.png', 'DownloadArtifact'],
    ['HEAD', '/api/2.0/mlflow-artifacts/artifacts/a/b.png', 'DownloadArtifact'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts/', 'DownloadArtifact'],
    ['GET', '/api/2.0/mlflow-artifacts/artifacts', 'MlflowArtifactsService.ListArtifacts'],
    ['DELETE', '/api/2.0/mlflow-artifacts/artifacts/a/b.png', 'DeleteArtifact'],
    ['POST', '/graphql', 'graphql'],
    ['GET', '/get-artifact', 'serve_artifacts'],
    ['GET', '/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval', 'GetMetricHistoryBulkInterval'],
    ['POST', '/gateway/proxy/mlflow/invocations', 'invocations'],
    ['POST', '/gateway/proxy/ep/v1/chat', 'raw_proxy'],
    ['POST', '/gateway/gemini/v1beta/models/ep:streamGenerateContent', 'gemini_passthrough_stream_generate_content'],
    ['POST', '/gateway/gemini/v1beta/models/ep%3AgenerateContent', 'gemini_passthrough_generate_content'],
    ['GET', '/api/3.0/mlflow/mcp-servers/endpoints', 'search_all_access_endpoints'],
    ['GET', '/api/3.0/mlflow/mcp-servers/ns/srv/versions/1', 'get_mcp_server_version'],
    ['GET', '/api/3.0/mlflow/mcp-servers/ns/srv', 'get_mcp_server'],
    ['POST', '/ajax-api/3.0/jobs/', 'job_api.submit_job'],
    ['POST', '/v1/traces', 'export_traces'],
    ['GET', '/', 'serve'],
    ['GET', '/static-files/static/js/main.abc.js', 'serve_static_file'],
  ])('%s %s → %s', (method, path, id) => {
    expect(routed(method, path)).toBe(id);
  });

  it.each([
    ['GET', '/api/3.0/mlflow/runs/get'],
    ['GET', '/api/2.0/mlflow/runs/get/'],
    ['GET', '/API/2.0/mlflow/runs/get'],
    ['POST', '/ajax-api/3.0/jobs'],
    ['HEAD', '/ajax-api/3.0/mlflow/assistant/config'],
    ['OPTIONS', '/api/2.0/mlflow/runs/get'],
    ['GET', '/favicon.ico'],
    ['GET', '/api/2.0/mlflow/unknown'],
  ])('%s %s is not routed', (method, path) => {
    expect(routed(method, path)).toBeUndefined();
  });
});

// The characters a client leaves unescaped in a path segment (RFC 3986 pchar); everything else is escaped.
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const encodeSegment = (value: string, escapeColon: boolean) =>
  [...value].map((c) => (PCHAR.test(c) && !(c === ':' && escapeColon) ? c : encodeURIComponent(c))).join('');

const valueChar = fc.oneof(
  fc.constantFrom(...'abcXYZ019-._~'),
  fc.constantFrom(':', '%', '*', '?', '#', '@', '+', ' ', '&', '=', ';', '!', '$', "'", '(', ')', ',', '[', ']', '"', '<', '>', '{', '}', '|', '^', '`', 'é', 'ß', '日本', '😀'),
);
const segmentValue = fc
  .array(valueChar, { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''))
  .filter((v) => v !== '.' && v !== '..' && !LITERAL_SEGMENTS.has(v));

describe('the literal-path shortcut', () => {
  const slow = new Router(CATALOGUE, { literalShortcut: false });
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  const instances = ROUTES.map(({ template }) => instantiate(template, (name) => `v-${name}`));
  it('decides every request exactly as the full Werkzeug/Starlette search does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.oneof(fc.constantFrom(...instances), fc.constantFrom(...instances).map((p) => p + '/'), fc.webPath()),
        (method, path) => {
          const fast = router.route(method, path);
          const full = slow.route(method, path);
          // Strictly equal implies toEqual; vitest's expect is the costlier part of 20,000 runs, so it judges the rest.
          if (!isDeepStrictEqual(fast, full)) expect(fast).toEqual(full);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('random concrete instances of every template', () => {
  it('route to the template\'s own operation', () => {
    fc.assert(
      fc.property(
        // Indexes keep counterexamples short: `ROUTES[i]` is printed as its op id, method and template below.
        fc.nat({ max: ROUTES.length - 1 }),
        fc.array(segmentValue, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (index, values, escapeColon) => {
          const { op, route, template } = ROUTES[index] as (typeof ROUTES)[number];
          const path = instantiate(template, (_name, converter) => {
            if (converter === 'int') return '7';
            const encoded = values.map((v) => encodeSegment(v, escapeColon));
            return converter === 'path' ? encoded.join('/') : (encoded[0] as string);
          });
          expect(routed(route.method, path), `${op.id}: ${route.method} ${route.path} as ${path}`).toBe(op.id);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
