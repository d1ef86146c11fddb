// One case of the parity proof: a caller, a request and how it is presented, checked at every enforcement point
// against the decision contract (test/contract/). Shared by the proof (parity.test.ts) and the tests that show
// its checks can fail (drift.test.ts).
import type { AuthorizerOutcome, BranchCounts, Credential, Request } from '../contract/index.js';
import { authorizerExpected, branchOf, cachedViolation, hasTrailingSlash, iamAgrees, iamExpected, mlflowOperation, sameOutcome, showOutcome } from '../contract/index.js';
import type { EnforcementPoints } from './enforcement.js';

/** A user in some Cognito groups; `role`: the role whose IAM policies a SigV4 caller holds (absent for group sets that are not one role). */
export interface Caller {
  readonly groups: readonly string[];
  readonly role?: string;
}

/** One case: who asks what, how the token comes, the request a cached result was returned for, and what the methodArn names. */
export interface Case {
  readonly caller: Caller;
  readonly request: Request;
  /** How the browser presents the token (the answer without any token is checked too). */
  readonly credential: Exclude<Credential, 'none'>;
  /** The request API Gateway cached a result for, judged on `request` (often `request` itself). */
  readonly first: Request;
  /** The request the event's methodArn names (normally `request`; another one tests the authorizer's check). */
  readonly arn: Request;
}

/** The browser-surface and IAM-surface spellings of a request: `/ajax-api/…` ⇔ `/api/…`. */
export function twins(request: Request): { browser?: Request; iam?: Request } {
  const { method, path } = request;
  if (path.startsWith('/api/')) return { browser: { method, path: `/ajax-api/${path.slice(5)}` }, iam: request };
  if (path.startsWith('/ajax-api/')) return { browser: request, iam: { method, path: `/api/${path.slice(10)}` } };
  return {};
}

const same = (a: Request, b: Request) => a.method === b.method && a.path === b.path;

// The clause of the authorizer's contract a browser request falls in.
function browserClause(request: Request, arn: Request): string {
  if (!same(request, arn)) return 'methodArn names another request';
  if (/[*?]/.test(request.path)) return 'IAM wildcard in path';
  if (request.path.startsWith('/api/')) return '/api/ path';
  return `${branchOf(request)}${hasTrailingSlash(request.path) ? ' trailing slash' : ''}`;
}

const kind = (o: AuthorizerOutcome) => (o.kind === 'unauthorized' ? '401' : o.kind);

/** Every disagreement with the contract in one case, as messages; `branches` counts the clauses exercised. */
export async function problemsOf(p: EnforcementPoints, c: Case, branches: BranchCounts): Promise<string[]> {
  const out: string[] = [];
  const { groups, role } = c.caller;
  const rights = p.rightsOfGroups(groups);
  const { browser: twin, iam } = twins(c.request);
  // The request itself goes to the authorizer whatever its path (an `/api/` one must be denied), and so does
  // its `/ajax-api/` twin.
  const browserRequests: [Request, Request][] = [[c.request, c.arn], ...(twin !== undefined && twin !== c.request ? [[twin, twin] as [Request, Request]] : [])];
  let bearerOnTwin: AuthorizerOutcome | undefined;
  for (const [request, arn] of browserRequests) {
    const where = `${request.method} ${request.path}${same(request, arn) ? '' : ` (methodArn: ${arn.method} ${arn.path})`}`;
    for (const credential of [c.credential, 'none'] as const) {
      const expected = authorizerExpected(rights, credential, request, arn);
      const actual = await p.authorizer(groups, credential, request, arn);
      branches.count(`authorizer ${credential} ${browserClause(request, arn)} ${kind(expected)}`);
      if (!sameOutcome(expected, actual)) out.push(`authorizer (${credential} token, groups [${groups.join(', ')}]) on ${where}: ${showOutcome(actual)}, contract ${showOutcome(expected)}`);
      if (credential === 'bearer' && request === twin && same(request, arn)) bearerOnTwin = actual;
    }
    if (!same(request, arn)) continue;
    // The result cached for `first`, judged on this request, against the contract's fresh answer.
    const fresh = authorizerExpected(rights, 'bearer', request);
    const cached = await p.authorizerCached(groups, c.first, request);
    if (cached !== null && fresh.kind !== 'unauthorized') {
      branches.count(`cached ${same(c.first, request) ? 'same request' : 'other request'} ${cached}`);
      const problem = cachedViolation(cached, fresh.kind, c.first, request);
      if (problem !== null) out.push(`authorizer result cached for ${c.first.method} ${c.first.path}, on ${where}: ${problem}`);
    }
  }
  if (iam !== undefined && role !== undefined) {
    const granted = p.rightsOfRole(role);
    const declared = p.declaredException(role, iam);
    const expected = iamExpected(granted, iam, declared);
    const actual = p.iam(role, iam);
    const routed = mlflowOperation(iam);
    branches.count(`iam ${branchOf(iam)}${declared && routed !== null && granted.has(routed) ? ' declared SigV4 exception' : ''} ${expected}`);
    if (!iamAgrees(expected, actual)) out.push(`IAM policies of ${role} on ${iam.method} ${iam.path}${declared ? ' (a declared SigV4 exception covers it)' : ''}: ${actual}, contract ${expected}`);
    // Browser ⇔ IAM directly, for a user in exactly the role's groups: the same operation, the same decision.
    const roleGroups = p.groupsOf(role);
    if (twin !== undefined && bearerOnTwin !== undefined && routed !== null && mlflowOperation(twin) !== null && roleGroups.length > 0 && roleGroups.join() === groups.join() && !/[*?]/.test(twin.path)) {
      const browserOperation = bearerOnTwin.kind === 'unauthorized' ? '' : bearerOnTwin.operation;
      branches.count('browser ⇔ IAM compared');
      if (browserOperation !== routed) out.push(`${twin.path} reaches ${browserOperation || 'nothing'} on the browser path, ${iam.path} ${routed} over SigV4`);
      else if (!declared && (bearerOnTwin.kind === 'allow') !== (actual === 'allow')) out.push(`browser ${twin.path} (${kind(bearerOnTwin)}) and IAM ${iam.path} (${actual}) disagree for ${role}`);
    }
  }
  return out;
}
