import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecisionLineFormat, jsonString } from './decision-line.js';
import type { DecisionRecord } from './decision-record.js';

// Every kind of string: ASCII, quotes and backslashes, controls, U+2028, astral characters, lone surrogates.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '"', '\\', '\u2028', '\ud800', 'a\u0000b', '\u{1f600}', '\u007f'),
);
const nullable = fc.option(anyString, { nil: null });
const anyRecord: fc.Arbitrary<DecisionRecord> = fc.record({
  decision: fc.constantFrom('allow', 'deny', 'unauthorized'),
  reason: anyString,
  principal: nullable,
  groups: fc.array(anyString, { maxLength: 3 }),
  roles: anyString,
  method: nullable,
  path: nullable,
  operation: nullable,
  tokenSource: fc.constantFrom('header', 'cookie', null),
  policyVersion: anyString,
  apiRequestId: nullable,
  durationMs: fc.oneof(fc.double(), fc.integer()),
});

// The object Powertools builds for the line, by its rules, serialised the standard way.
function reference(timestamp: string, service: string, traceId: string | undefined, record: DecisionRecord): string {
  const line: Record<string, unknown> = { level: 'INFO', message: 'authorization decision', timestamp, service };
  if (traceId !== undefined && traceId !== '') line['xray_trace_id'] = traceId;
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined && value !== '') line[key] = value;
  return JSON.stringify(line);
}

describe('DecisionLineFormat', () => {
  it('is byte for byte what JSON.stringify writes for the same line object', () => {
    fc.assert(
      fc.property(anyString, anyString, fc.option(anyString, { nil: undefined }), anyRecord, (timestamp, service, traceId, record) => {
        expect(new DecisionLineFormat(service).line(timestamp, traceId, record)).toBe(reference(timestamp, service, traceId, record));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes any string as JSON.stringify does', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
      }),
      { numRuns: 5000 },
    );
  });
});
