import { getXRayTraceIdFromEnv, isDevMode } from '@aws-lambda-powertools/commons/utils/env';
import { LogFormatter, Logger, LogItem, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogItemExtraInput, LogItemMessage, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { DECISION_MESSAGE } from './decision-record.js';
import type { DecisionRecord } from './decision-record.js';
import { IsoClock } from './iso-clock.js';

// Paths are logged as sent, but API Gateway refuses methodArns over 1600 bytes; longer ones are cut.
const MAX_LOGGED_PATH = 1600;

/**
 * Powertools' standard keys (`level`, `message`, `timestamp` in UTC, `service`, `xray_trace_id` when tracing),
 * then the line's own. Unlike the default formatter it does not deep-merge them into a copy or look up `TZ` per
 * line. Used for every line but the decision line, which `DecisionLogger` lays out the same way itself.
 */
export class DecisionLogFormatter extends LogFormatter {
  /** Formats one line's attributes. */
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const line: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: attributes.timestamp.toISOString(),
      service: attributes.serviceName,
      xray_trace_id: attributes.xRayTraceId,
    };
    for (const key in additional) line[key] = additional[key];
    return new LogItem({ attributes: line });
  }
}

/**
 * Powertools' Logger with a fast path for the decision line, which every request writes. Its level (from
 * `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`, Lambda's advanced logging controls, debug sampling) is Powertools' own, and
 * every other line takes Powertools' path unchanged. The decision line overrides one extension point Powertools
 * makes protected for subclasses, `processLogItem`: the line is the one Powertools would print (the same keys in
 * the same order, empty ones left out; decision-log.test.ts compares them over random records) but built without
 * per-key reserved-word checks, copies and a replacer, and written with one `process.stdout.write`, the stream
 * Powertools' own console writes to. A logger with persistent keys, or in `POWERTOOLS_DEV` mode, takes the
 * generic path for every line.
 */
export class DecisionLogger extends Logger {
  private readonly service: string;
  private readonly fastPath: boolean;
  private readonly clock = new IsoClock();
  // The record `decision()` is logging, so the override recognises its own call and nothing else.
  private pending: DecisionRecord | null = null;

  constructor(serviceName: string) {
    super({ serviceName, logFormatter: new DecisionLogFormatter() });
    this.service = serviceName;
    this.fastPath = !isDevMode();
  }

  /** Writes the decision line at INFO. */
  decision(record: DecisionRecord): void {
    const long = record.path !== null && record.path.length > MAX_LOGGED_PATH;
    this.pending = long ? { ...record, path: `${record.path?.slice(0, MAX_LOGGED_PATH)}…` } : record;
    try {
      this.info(DECISION_MESSAGE, this.pending);
    } finally {
      this.pending = null;
    }
  }

  // The decision line skips Powertools' buffering check (this logger never buffers) and with it a second read of
  // the X-Ray trace id from the environment, which costs as much as serialising the line.
  protected override processLogItem(logLevel: number, input: LogItemMessage, extraInput: LogItemExtraInput): void {
    const record = this.pending;
    if (!this.fastPath || record === null || logLevel !== LogLevelThreshold.INFO || input !== DECISION_MESSAGE || extraInput[0] !== record || hasKeys(this.getPersistentLogAttributes())) {
      super.processLogItem(logLevel, input, extraInput);
    } else if (logLevel >= this.level) {
      process.stdout.write(`${decisionLine(this.clock.now(), this.service, record)}\n`);
    }
  }
}

// The line Powertools would print for the record: its standard keys, then the record's, leaving out undefined,
// null and '' as it does. The record's values are strings, numbers and string arrays, so the replacer Powertools
// passes to JSON.stringify (errors, bigints, cycles) has nothing to do.
function decisionLine(timestamp: string, service: string, record: DecisionRecord): string {
  const line: Record<string, unknown> = { level: 'INFO', message: DECISION_MESSAGE, timestamp, service };
  const traceId = getXRayTraceIdFromEnv();
  if (traceId !== undefined && traceId !== '') line['xray_trace_id'] = traceId;
  for (const key in record) {
    const value = record[key as keyof DecisionRecord];
    if (value !== undefined && value !== null && value !== '') line[key] = value;
  }
  return JSON.stringify(line);
}

function hasKeys(attributes: object): boolean {
  for (const _ in attributes) return true;
  return false;
}

/** The authorizer's logger: Powertools, JSON lines, level from `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/`AWS_LAMBDA_LOG_LEVEL`. */
export function createDecisionLogger(): DecisionLogger {
  return new DecisionLogger(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'mlflow-authorizer');
}
