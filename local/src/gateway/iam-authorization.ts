import type { LocalCredential } from '../credentials/credentials-file.js';
import type { Principal } from '../credentials/principals.js';
import { principalKey, rolesOf } from '../credentials/principals.js';
import type { Generated } from '../generated/read-generated.js';
import type { PolicyDocument } from '../iam/policy.js';
import { evaluatePolicies } from '../iam/policy.js';
import type { SignedRequest, SigV4Failure } from '../sigv4/verifier.js';
import { SigV4Verifier } from '../sigv4/verifier.js';

/** The AWS_IAM method's answer for one request. */
export type IamDecision =
  | { readonly kind: 'allow' | 'deny'; readonly explicit: boolean; readonly principal: Principal; readonly roles: readonly string[] }
  | { readonly kind: 'rejected'; readonly failure: SigV4Failure; readonly message: string };

/**
 * The `/api/` surface: SigV4 verification against the local credentials, then IAM's decision over the caller's
 * identity policies (the generated documents of every role bound to it, plus the shared guard) and the API's
 * resource policy, for the request's execute-api ARN.
 */
export class IamAuthorization {
  private readonly verifier: SigV4Verifier;
  private readonly policies = new Map<string, { readonly roles: readonly string[]; readonly documents: readonly PolicyDocument[] }>();

  constructor(credentials: readonly LocalCredential[], generated: Generated, region: string, now?: () => number) {
    this.verifier = new SigV4Verifier(credentials, region, now);
    for (const { principal } of credentials) {
      const roles = rolesOf(principal, generated.iamRoles);
      const own = roles.flatMap((role) => generated.iamRoles.get(role)?.documents ?? []);
      const documents = roles.length === 0 ? [] : [...own, ...generated.sharedDocuments];
      this.policies.set(principalKey(principal), { roles, documents: [...documents, generated.resourcePolicy] });
    }
  }

  async authorize(request: SignedRequest, resourceArn: string): Promise<IamDecision> {
    const verified = await this.verifier.verify(request);
    if (!verified.ok) return { kind: 'rejected', failure: verified.failure, message: verified.message };
    const { principal } = verified.credential;
    const policy = this.policies.get(principalKey(principal)) ?? { roles: [], documents: [] };
    const outcome = evaluatePolicies(policy.documents, 'execute-api:Invoke', resourceArn);
    return { kind: outcome === 'allow' ? 'allow' : 'deny', explicit: outcome === 'explicit-deny', principal, roles: policy.roles };
  }
}
