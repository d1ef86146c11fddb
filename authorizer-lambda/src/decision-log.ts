import { Logger } from '@aws-lambda-powertools/logger';

/** The message of every decision log line, to filter on in CloudWatch Logs Insights. */
export const DECISION_MESSAGE = 'authorization decision';

/**
 * One request's decision, as logged. Never holds the token, its signature, or any header. Powertools drops
 * null fields, so `principal`, `username`, `operation`, `tokenSource` are absent when unknown.
 */
// A type alias, not an interface: Powertools takes it as an indexable attribute object.
export type DecisionRecord = {
  readonly decision: 'allow' | 'deny' | 'unauthorized';
  readonly reason: string;
  readonly principal: string | null;
  readonly username: string | null;
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  readonly method: string | null;
  readonly path: string | null;
  readonly operation: string | null;
  /** `exact` (cache TTL 0: this methodArn only) or `whole-grant` (TTL > 0: everything the roles may do). */
  readonly policy: 'exact' | 'whole-grant' | null;
  readonly tokenSource: 'header' | 'cookie' | null;
  /** `hit` when the token was verified before (verified-token cache), `miss` when verified now. */
  readonly tokenCache: 'hit' | 'miss' | null;
  readonly policyVersion: string;
  readonly apiRequestId: string | null;
  readonly durationMs: number;
};

// Paths are logged as sent, but API Gateway refuses methodArns over 1600 bytes; longer ones are cut.
const MAX_LOGGED_PATH = 1600;

/** The authorizer's logger: Powertools, JSON lines, level from `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/`AWS_LAMBDA_LOG_LEVEL`. */
export function createDecisionLogger(): Logger {
  return new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'mlflow-authorizer' });
}

/** Writes the decision line (INFO). */
export function logDecision(logger: Logger, record: DecisionRecord): void {
  const long = record.path !== null && record.path.length > MAX_LOGGED_PATH;
  logger.info(DECISION_MESSAGE, long ? { ...record, path: `${record.path?.slice(0, MAX_LOGGED_PATH)}…` } : record);
}
