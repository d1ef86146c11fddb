import { getXRayTraceIdFromEnv, isDevMode } from '@aws-lambda-powertools/commons/utils/env';
import { LogFormatter, Logger, LogItem, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogItemExtraInput, LogItemMessage, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { IsoClock } from './iso-clock.js';

/** The message of every decision log line, to filter on in CloudWatch Logs Insights. */
export const DECISION_MESSAGE = 'authorization decision';

/**
 * One request's decision, as logged. Never holds the token, its signature, or any header. Like every Powertools
 * line, null and empty-string fields are dropped, so `principal`, `roles`, `operation`, `tokenSource` are absent
 * when unknown or empty.
 */
// A type alias, not an interface: Powertools takes it as an indexable attribute object.
export type DecisionRecord = {
  readonly decision: 'allow' | 'deny' | 'unauthorized';
  readonly reason: string;
  readonly principal: string | null;
  readonly groups: readonly string[];
  /** The roles, sorted, joined with `,` (as in the authorizer context). */
  readonly roles: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly operation: string | null;
  readonly tokenSource: 'header' | 'cookie' | null;
  readonly policyVersion: string;
  readonly apiRequestId: string | null;
  readonly durationMs: number;
};

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

// A decision line, laid out and serialised when it was created: its fields are strings, numbers and string
// arrays only, so it needs neither Powertools' replacer (errors, bigints, cycles) nor its empty-key pass.
class DecisionLogItem extends LogItem {
  constructor(readonly json: string) {
    super({ attributes: {} });
  }
}

/**
 * Powertools' Logger with a fast path for the decision line, which every request writes. Level (with the
 * environment's `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/Lambda's advanced logging controls), sampling and buffering
 * stay Powertools' own: `decision()` goes through `info()`. Only the two extension points Powertools exposes for
 * it are taken over, and only for the decision line: building the line (no per-key reserved-word scan, no
 * copies; the record's keys are fixed and none is reserved) and printing it (one `process.stdout.write`, the
 * stream Powertools' own console writes to). In `POWERTOOLS_DEV` mode every line takes Powertools' own path.
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

  protected override createAndPopulateLogItem(logLevel: number, input: LogItemMessage, extraInput: LogItemExtraInput): LogItem {
    const record = this.pending;
    if (!this.fastPath || record === null || logLevel !== LogLevelThreshold.INFO || input !== DECISION_MESSAGE || extraInput[0] !== record) {
      return super.createAndPopulateLogItem(logLevel, input, extraInput);
    }
    const line: Record<string, unknown> = { level: 'INFO', message: DECISION_MESSAGE, timestamp: this.clock.now(), service: this.service };
    const traceId = getXRayTraceIdFromEnv();
    if (traceId !== undefined && traceId !== '') line['xray_trace_id'] = traceId;
    const persistent = this.getPersistentLogAttributes();
    for (const key in persistent) keepNonEmpty(line, key, persistent[key]);
    for (const key in record) keepNonEmpty(line, key, record[key as keyof DecisionRecord]);
    return new DecisionLogItem(JSON.stringify(line));
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    if (log instanceof DecisionLogItem) process.stdout.write(`${log.json}\n`);
    else super.printLog(logLevel, log);
  }
}

// Powertools' rule for what a line leaves out: undefined, null and ''.
function keepNonEmpty(line: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== '') line[key] = value;
}

/** The authorizer's logger: Powertools, JSON lines, level from `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/`AWS_LAMBDA_LOG_LEVEL`. */
export function createDecisionLogger(): DecisionLogger {
  return new DecisionLogger(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'mlflow-authorizer');
}
