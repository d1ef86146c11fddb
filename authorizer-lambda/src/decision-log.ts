import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/** The message of every decision log line, to filter on in CloudWatch Logs Insights. */
export const DECISION_MESSAGE = 'authorization decision';

/**
 * One request's decision, as logged. Never holds the token, its signature, or any header. Powertools drops
 * null and empty fields, so `principal`, `roles`, `operation`, `tokenSource` are absent when unknown or
 * empty.
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
 * then the record's own. Unlike the default formatter it does not deep-merge the record into a copy or look
 * up `TZ` per line: this runs on every request, and the log line is most of a warm request's cost.
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

/** The authorizer's logger: Powertools, JSON lines, level from `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/`AWS_LAMBDA_LOG_LEVEL`. */
export function createDecisionLogger(): Logger {
  return new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'mlflow-authorizer', logFormatter: new DecisionLogFormatter() });
}

/** Writes the decision line (INFO). */
export function logDecision(logger: Logger, record: DecisionRecord): void {
  const long = record.path !== null && record.path.length > MAX_LOGGED_PATH;
  logger.info(DECISION_MESSAGE, long ? { ...record, path: `${record.path?.slice(0, MAX_LOGGED_PATH)}…` } : record);
}
