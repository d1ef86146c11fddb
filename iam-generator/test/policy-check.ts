// Evaluates generated policy documents with the independent IAM oracle against the decision contract
// (test/contract/: the reference router and the malformed-path classes, none of authz-core's code).
import { iamAgrees, iamExpected } from '@mlflow-authz/test/contract';
import type { OraclePolicy } from '@mlflow-authz/test/oracle';
import { evaluate } from '@mlflow-authz/test/oracle';
import type { ResourcePolicyJson } from '../src/api-resource-policy.js';
import type { PolicyDocumentJson } from '../src/policy-document.js';

/** Deployment values for the placeholders in tests. */
export const TEST_VALUES = { Partition: 'aws', Region: 'us-east-1', Account: '123456789012', ApiId: 'a1b2c3d4e5' } as const;

/** The documents with the test deployment's values in place of the placeholders. */
export function deployed(documents: readonly PolicyDocumentJson[]): OraclePolicy[] {
  return documents.map((d) => JSON.parse(JSON.stringify(d).replace(/\$\{(Partition|Region|Account|ApiId)\}/g, (_, n: keyof typeof TEST_VALUES) => TEST_VALUES[n])) as OraclePolicy);
}

/**
 * The API resource policy as one more policy of the caller, for the oracle (which judges identity policies):
 * a same-account resource-policy statement for `Principal: "*"` applies to every caller, and API Gateway
 * decides as IAM does over both kinds (an explicit Deny anywhere wins, an Allow in either allows:
 * aws-semantics Q2.5, Q4.3). Throws on any other principal, which this reading would not judge rightly.
 */
export function resourcePolicyForCaller(policy: ResourcePolicyJson): OraclePolicy[] {
  const statements = policy.Statement.map(({ Principal, ...statement }) => {
    if (Principal !== '*') throw new Error(`resource policy statement ${statement.Sid} is not for Principal "*"`);
    return statement;
  });
  return deployed([{ Version: policy.Version, Statement: statements }]);
}

/** The ARN API Gateway checks for a SigV4 request: the concrete method and raw path on the stage. */
export function requestArn(stage: string, method: string, path: string): string {
  return `arn:${TEST_VALUES.Partition}:execute-api:${TEST_VALUES.Region}:${TEST_VALUES.Account}:${TEST_VALUES.ApiId}/${stage}/${method}${path}`;
}

/** The declared SigV4 exceptions (deny resource suffixes, `METHOD/path-glob`) as one Deny policy the oracle can match requests against. */
export function exceptionPolicy(stage: string, resources: readonly string[]): OraclePolicy[] {
  if (resources.length === 0) return [];
  const prefix = `arn:\${Partition}:execute-api:\${Region}:\${Account}:\${ApiId}/${stage}/`;
  return deployed([{ Version: '2012-10-17', Statement: [{ Sid: 'Exceptions', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: resources.map((r) => prefix + r) }] }]);
}

/**
 * A request whose oracle decision breaks the contract, described for a failure message. A request the role may
 * call that a declared SigV4 exception matches (`exceptions`, see exceptionPolicy) must be denied instead: the
 * declared exceptions are exactly where the policies and the role's rights disagree.
 */
export function mismatch(
  policies: readonly OraclePolicy[],
  granted: ReadonlySet<string>,
  stage: string,
  method: string,
  path: string,
  exceptions: readonly OraclePolicy[] = [],
): string | undefined {
  const arn = requestArn(stage, method, path);
  const declared = exceptions.length > 0 && evaluate(exceptions, 'execute-api:Invoke', arn) === 'explicit-deny';
  const expected = iamExpected(granted, { method, path }, declared);
  const actual = evaluate(policies, 'execute-api:Invoke', arn);
  return iamAgrees(expected, actual) ? undefined : `${method} ${path}: expected ${expected}, IAM says ${actual}`;
}
