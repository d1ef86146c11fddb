/** The only action an authorizer policy grants or denies. */
export const INVOKE = 'execute-api:Invoke';

/** One statement of an authorizer policy. */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: typeof INVOKE;
  readonly Resource: string | readonly string[];
}

/** The policy document an authorizer returns; API Gateway evaluates it against each request's methodArn. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** What the authorizer returns to API Gateway. `context` values are strings only (objects break the integration). */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: PolicyDocument;
  readonly context: Readonly<Record<string, string>>;
}

/** A policy with one statement: allow or deny exactly `methodArn` (cache TTL 0: API Gateway asks again next time). */
export function exactPolicy(effect: 'allow' | 'deny', methodArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: effect === 'allow' ? 'Allow' : 'Deny', Action: INVOKE, Resource: methodArn }],
  };
}
