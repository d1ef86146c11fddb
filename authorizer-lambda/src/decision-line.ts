import { DECISION_MESSAGE } from './decision-record.js';
import type { DecisionRecord } from './decision-record.js';

// Strings JSON writes as they are between quotes: printable ASCII but `"` and `\`. Every other string goes
// through JSON.stringify, so the escaping of anything that needs it stays the standard library's.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** `JSON.stringify(value)` for a string, without its per-character pass when the string has nothing to escape. */
export function jsonString(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

function present(value: string | null): value is string {
  return value !== null && value !== '';
}

// The fields whose few values are known in advance, written once.
const MESSAGE = jsonString(DECISION_MESSAGE);
const DECISION_FIELD = { allow: ',"decision":"allow"', deny: ',"decision":"deny"', unauthorized: ',"decision":"unauthorized"' } as const;
const TOKEN_SOURCE_FIELD = { header: ',"tokenSource":"header"', cookie: ',"tokenSource":"cookie"' } as const;

/**
 * The decision line exactly as `JSON.stringify` writes the object Powertools builds for it: `level`, `message`,
 * `timestamp`, `service`, `xray_trace_id`, then the record's fields in order, leaving out null and '' (Powertools'
 * rule). Byte-identical to that (decision-line.test.ts), without building the object or a generic serialisation
 * pass: this runs on every request. What is the same on every line of one logger is laid out once.
 */
export class DecisionLineFormat {
  private readonly service: string;

  constructor(service: string) {
    this.service = `,"service":${jsonString(service)}`;
  }

  /** The line for `record` at `timestamp` (an ISO string), with the X-Ray trace id if there is one. */
  line(timestamp: string, traceId: string | undefined, r: DecisionRecord): string {
    let line = `{"level":"INFO","message":${MESSAGE},"timestamp":${jsonString(timestamp)}${this.service}`;
    if (traceId !== undefined && traceId !== '') line += `,"xray_trace_id":${jsonString(traceId)}`;
    line += DECISION_FIELD[r.decision];
    if (present(r.reason)) line += `,"reason":${jsonString(r.reason)}`;
    if (present(r.principal)) line += `,"principal":${jsonString(r.principal)}`;
    line += ',"groups":[';
    for (let i = 0; i < r.groups.length; i++) line += (i === 0 ? '' : ',') + jsonString(r.groups[i] as string);
    line += ']';
    if (present(r.roles)) line += `,"roles":${jsonString(r.roles)}`;
    if (present(r.method)) line += `,"method":${jsonString(r.method)}`;
    if (present(r.path)) line += `,"path":${jsonString(r.path)}`;
    if (present(r.operation)) line += `,"operation":${jsonString(r.operation)}`;
    if (r.tokenSource !== null) line += TOKEN_SOURCE_FIELD[r.tokenSource];
    if (present(r.policyVersion)) line += `,"policyVersion":${jsonString(r.policyVersion)}`;
    if (present(r.apiRequestId)) line += `,"apiRequestId":${jsonString(r.apiRequestId)}`;
    return `${line},"durationMs":${JSON.stringify(r.durationMs)}}`;
  }
}
