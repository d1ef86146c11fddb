import { MALFORMED_PATH_DENIES } from '@mlflow-authz/core';
import { stageArnPrefix } from './placeholders.js';
import type { PolicyDocumentJson } from './policy-document.js';
import { INVOKE_ACTION } from './policy-document.js';

/** The Sid of the guard's one statement, in the managed policy and in the API resource policy alike. */
export const GUARD_SID = 'DenyMalformedPaths';

/**
 * The malformed-path denies (authz-core's MALFORMED_PATH_DENIES, in its order) as ARNs on `stage`. They are the
 * same for every role, so one shared policy holds them instead of every role's documents; each leads with `*`,
 * so it holds for every method.
 */
export function guardResources(stage: string): string[] {
  return MALFORMED_PATH_DENIES.map((pattern) => stageArnPrefix(stage) + pattern);
}

/** The shared guard as a managed policy document: one Deny statement of the malformed-path ARNs on `stage`. */
export function guardDocument(stage: string): PolicyDocumentJson {
  return { Version: '2012-10-17', Statement: [{ Sid: GUARD_SID, Effect: 'Deny', Action: INVOKE_ACTION, Resource: guardResources(stage) }] };
}
