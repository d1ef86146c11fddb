// What the gateway must answer for a catalogue request, by the decision contract (authorizer-lambda/README.md):
// exactly the reference decision wherever the router maps the request to an operation and on the malformed classes;
// a request MLflow routes nowhere may be denied or let through to MLflow's 404, never answered 200. Public routes
// skip the authorizer but not the API's resource policy. On the browser surface a path holding `*` is denied: the
// authorizer's one-request policy cannot name it without matching other requests too (test/parity/contract.ts).
import { pathOnSurface } from '@mlflow-authz/core';
import { anyResourceMatches } from '../src/gateway/api-resources.js';
import { PUBLIC_RESOURCES } from '../src/gateway/gateway.js';
import type { referenceDecider } from './reference.js';

/** The check of one answer: why `status`/`body` is wrong for the request, or null. */
export type AnswerCheck = (status: number, body: string) => string | null;

/** The check for `role` sending `method path` (path with query), judged by `reference`. */
export function answerCheck(reference: ReturnType<typeof referenceDecider>, role: string, method: string, path: string): AnswerCheck {
  const expected = reference([role], method, path);
  const malformed = expected.reason.includes('malformed');
  const bare = path.split('?')[0] as string;
  const publicRoute = anyResourceMatches(PUBLIC_RESOURCES, method, bare);
  const wildcard = bare.includes('*') && !pathOnSurface(bare, 'iam');
  return (status, body) => {
    const show = `${role} ${method} ${path}: expected ${expected.effect} ${expected.operation ?? '(no route)'}, got ${status} ${body.slice(0, 160)}`;
    if (publicRoute) return status === (malformed ? 403 : 200) ? null : show;
    if (wildcard) return status === 403 ? null : show;
    if (expected.operation === null && !malformed) return status === 403 || status === 404 ? null : show;
    if (expected.effect === 'deny') return status === 403 ? null : show;
    if (status !== 200) return show;
    if (method === 'HEAD' || expected.operation === 'serve') return null;
    try {
      return (JSON.parse(body) as { operation?: string }).operation === expected.operation ? null : show;
    } catch {
      return show;
    }
  };
}
