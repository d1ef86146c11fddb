/** One line of the local stage's access log (JSON), with the fields the deployed stage logs. */
export interface AccessRecord {
  readonly requestId: string;
  readonly time: string;
  readonly ip: string;
  readonly method: string;
  /** `$context.path`: with the stage. */
  readonly path: string;
  readonly status: number;
  /** Which part of the API answered: public routes, the Lambda authorizer, AWS_IAM, or none (no such resource). */
  readonly surface: 'public' | 'browser' | 'iam' | 'none';
  /** The authorizer's principalId (the token's `sub`), or the SigV4 caller. */
  readonly principal?: string;
  /** Comma-separated roles. */
  readonly roles?: string;
  /** The MLflow operation the request routes to (authz-core's router). */
  readonly operation?: string;
  readonly decision: 'allow' | 'deny' | 'unauthorized' | 'public' | 'rejected' | 'error';
  /** Authorizer cache: hit, miss, off (TTL 0), skipped (identity source missing: 401 without the Lambda). */
  readonly cache?: 'hit' | 'miss' | 'off' | 'skipped';
  readonly reason?: string;
  readonly latencyMs: number;
  readonly integrationLatencyMs?: number;
  readonly responseLength?: number;
  readonly policyVersion: string;
}

/** Where access log lines go (stdout in `npm run local`). */
export type AccessLogSink = (line: string) => void;

/** The JSON line of a record, fields in a fixed order, empty ones left out. */
export function accessLine(record: AccessRecord): string {
  return JSON.stringify(record);
}
