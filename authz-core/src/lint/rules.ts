/**
 * The warnings `authz lint` and `authz generate` print for files that compile but are likely mistakes, by id.
 * A role may silence one with `ignoreWarnings: [id]`; `--strict` makes the rest fatal.
 */
export const LINT_RULES = {
  'ui-unloadable': 'a Cognito-bound role whose users cannot load the MLflow UI',
  'write-without-read': 'write or delete access to an area with no read access to it',
  'sigv4-unreachable': 'a SigV4-bound role (SageMaker user profiles, IAM principals) with nothing reachable under /api/',
  unbound: 'a role bound to nobody that no other role includes',
  'unused-deny': 'a deny that removes nothing the role would otherwise have',
  'document-size': "the role's IAM policies need more than 2 managed policies (the soft target)",
} as const;

export type LintRule = keyof typeof LINT_RULES;

/** Every rule id, in the order warnings are reported within a role. */
export const LINT_RULE_IDS = Object.keys(LINT_RULES) as [LintRule, ...LintRule[]];
