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
