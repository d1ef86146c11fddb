import { z } from 'zod';
import type { Operation } from '../catalogue/types.js';
import { ACCESS_LEVELS, AREAS } from '../catalogue/types.js';
import { LINT_RULE_IDS } from '../lint/rules.js';

// Names that end up in IAM policy names, API Gateway context values and Cognito; kept to what all of them accept.
const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;
const COGNITO_GROUP = /^[^\s\p{Cc}]{1,128}$/u;
const SAGEMAKER_USER_PROFILE = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

function selectorSchema(selector: z.ZodType<string>) {
  const bindings = z
    .strictObject({
      cognitoGroups: z.array(z.string().regex(COGNITO_GROUP, 'a Cognito group name: 1-128 characters, no spaces')).default([])
        .describe('Cognito groups whose members get this role in the MLflow UI.'),
      sagemakerUserProfiles: z
        .array(z.string().regex(SAGEMAKER_USER_PROFILE, 'a SageMaker user profile name: letters, digits and hyphens, at most 63'))
        .default([])
        .describe("SageMaker user profiles whose execution role gets this role's IAM policies."),
      iamPrincipals: z
        .array(
          z.string().refine((v) => IAM_ROLE_NAME.test(v) || IAM_PRINCIPAL_ARN.test(v), 'an IAM role name or an IAM role/user ARN'),
        )
        .default([])
        .describe("Other IAM roles (names or ARNs) or users (ARNs) that get this role's IAM policies."),
    })
    .default({ cognitoGroups: [], sagemakerUserProfiles: [], iamPrincipals: [] });
  const role = z.strictObject({
    description: z.string().trim().min(1, 'a role needs a description').describe('What the role is for, in one sentence.'),
    includes: z.array(z.string()).default([]).describe('Roles whose rights this role also has.'),
    grants: z
      .array(selector)
      .default([])
      .describe('Operation ids, `area:access` selectors (`*:read`, `registered-models:write`), or `*`.'),
    deny: z.array(selector).default([]).describe('Exceptions removed from what grants and includes give.'),
    bindings: bindings.describe('Who gets the role.'),
    ignoreWarnings: z
      .array(z.enum(LINT_RULE_IDS))
      .default([])
      .describe('Lint warnings that are intended for this role (`authz lint` names each warning\'s id).'),
  });
  return z.strictObject({
    version: z.literal(1).describe('Format version of this file.'),
    settings: z.strictObject({
      mlflowVersion: z.string().describe('The MLflow release the server runs; must equal the catalogue\'s pinned version.'),
      apiStageName: z
        .string()
        .regex(/^[A-Za-z0-9_]{1,128}$/, 'a stage name: letters, digits and underscores')
        .default('prod')
        .describe('API Gateway stage name.'),
      authorizerCacheTtlSeconds: z
        .number()
        .int()
        .min(0)
        .max(3600)
        .default(300)
        .describe('API Gateway authorizer result cache TTL in seconds (0 disables caching; at most 3600).'),
    }),
    roles: z
      .record(z.string().regex(ROLE_NAME, 'a role name: a letter, then letters, digits, "-" or "_", at most 48'), role)
      .describe('Roles by name.'),
  });
}

/** The schema permissions.yaml is parsed with; selectors are checked against the catalogue by the compiler. */
export const PermissionsFileSchema = selectorSchema(z.string().min(1, 'an empty selector'));
export type PermissionsFile = z.infer<typeof PermissionsFileSchema>;
export type RoleSpec = PermissionsFile['roles'][string];

/** The JSON Schema for editors: the same shape, with every valid selector offered for completion. */
export function editorJsonSchema(catalogue: readonly Operation[]): Record<string, unknown> {
  const areaAccess = [...AREAS, '*'].flatMap((area) => [...ACCESS_LEVELS, '*'].map((access) => `${area}:${access}`));
  const selector = z.enum(['*', ...areaAccess, ...catalogue.map((op) => op.id)] as [string, ...string[]]);
  const schema = z.toJSONSchema(selectorSchema(selector), { io: 'input' });
  return { ...schema, title: 'permissions.yaml', $id: 'permissions.schema.json' };
}
