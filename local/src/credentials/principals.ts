import type { IamRole } from '../generated/read-generated.js';

/** Who a SigV4 caller is locally: a SageMaker user profile or an IAM principal bound in permissions.yaml. */
export type Principal = { readonly kind: 'sagemaker-user-profile'; readonly name: string } | { readonly kind: 'iam-principal'; readonly name: string };

/** A stable text form, for maps and logs: `sagemaker-user-profile/NAME` or `iam-principal/NAME`. */
export function principalKey(principal: Principal): string {
  return `${principal.kind}/${principal.name}`;
}

/** Every principal some role binds, each once, in role then binding order. */
export function boundPrincipals(roles: ReadonlyMap<string, IamRole>): Principal[] {
  const seen = new Map<string, Principal>();
  for (const role of roles.values()) {
    for (const name of role.sagemakerUserProfiles) add(seen, { kind: 'sagemaker-user-profile', name });
    for (const name of role.iamPrincipals) add(seen, { kind: 'iam-principal', name });
  }
  return [...seen.values()];
}

/** The roles bound to `principal`, sorted; none when permissions.yaml no longer binds it. */
export function rolesOf(principal: Principal, roles: ReadonlyMap<string, IamRole>): string[] {
  const bound = (role: IamRole) => (principal.kind === 'sagemaker-user-profile' ? role.sagemakerUserProfiles : role.iamPrincipals).includes(principal.name);
  return [...roles].filter(([, role]) => bound(role)).map(([name]) => name).sort();
}

function add(seen: Map<string, Principal>, principal: Principal): void {
  if (!seen.has(principalKey(principal))) seen.set(principalKey(principal), principal);
}
