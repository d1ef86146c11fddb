import type { PatternSet } from '@mlflow-authz/core';
import { stageArnPrefix } from './placeholders.js';

/** The only action the generated policies allow or deny. */
export const INVOKE_ACTION = 'execute-api:Invoke';

/** One statement of a generated identity policy. */
export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: typeof INVOKE_ACTION;
  readonly Resource: readonly string[];
}

/** A generated identity policy document (placeholders still in its ARNs). */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatementJson[];
}

/** The execute-api resources of one pattern set for a stage: allow and deny ARNs, in the set's order. */
export interface StageResources {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

/** Full resource ARNs (with placeholders) for a pattern set on `stage`. */
export function stageResources(patterns: PatternSet, stage: string): StageResources {
  const prefix = stageArnPrefix(stage);
  return { allow: patterns.allow.map((p) => prefix + p), deny: patterns.deny.map((p) => prefix + p) };
}

/** A policy document with an Allow statement and a Deny statement, each only when it has resources. */
export function policyDocument(allow: readonly string[], deny: readonly string[]): PolicyDocumentJson {
  const statements: PolicyStatementJson[] = [];
  if (allow.length > 0) statements.push({ Sid: 'Allow', Effect: 'Allow', Action: INVOKE_ACTION, Resource: allow });
  if (deny.length > 0) statements.push({ Sid: 'Deny', Effect: 'Deny', Action: INVOKE_ACTION, Resource: deny });
  return { Version: '2012-10-17', Statement: statements };
}
