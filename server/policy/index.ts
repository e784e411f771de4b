/**
 * The stand-in's authorizer: every S3 request is checked against the role's rendered policy from
 * infra/policies (the same documents AWS enforces), with the caller's Cognito identity id bound to
 * `${cognito-identity.amazonaws.com:sub}`. The static service key (role `service`) may do anything,
 * like the packaging Lambda's role on AWS.
 */
import { renderPolicy } from '../../infra/policies/render.ts';
import { ROLE_NAMES, parseRole, type RoleName } from '../../infra/policies/roles.ts';
import { S3Error } from '../s3/errors.ts';
import { evaluate, mayAllowAction, validatePolicy, type Decision, type Policy } from './evaluate.ts';

export interface PolicyPrincipal {
  accessKeyId: string;
  identityId?: string;
  role: RoleName | 'service';
}

export type Authorizer = (principal: PolicyPrincipal, action: string, resource: string, conditions: Record<string, string>) => void;

export function rolePolicies(bucket: string): Record<RoleName, Policy> {
  const out = {} as Record<RoleName, Policy>;
  for (const role of ROLE_NAMES) {
    const policy = renderPolicy(role, bucket) as unknown as Policy;
    validatePolicy(policy);
    out[role] = policy;
  }
  return out;
}

/** Decide one request (exported for tests and for the debug log). */
export function decide(
  policies: Record<RoleName, Policy>,
  principal: PolicyPrincipal,
  action: string,
  resource: string,
  conditions: Record<string, string>,
): Decision {
  if (principal.role === 'service') return { allowed: true, reason: 'allow', statement: 'service' };
  // Keys carry a listed role (issued by Cognito here); anything else is a broken key store, not a viewer.
  const policy = policies[parseRole(principal.role, 'key store')];
  return evaluate([policy], {
    action,
    resource,
    context: conditions,
    variables: { 'cognito-identity.amazonaws.com:sub': principal.identityId },
  });
}

export function createAuthorizer(bucket: string, log?: (m: string) => void): Authorizer {
  const policies = rolePolicies(bucket);
  return (principal, action, resource, conditions) => {
    const d = decide(policies, principal, action, resource, conditions);
    if (!d.allowed) {
      log?.(
        `AccessDenied: ${principal.role} ${principal.identityId ?? principal.accessKeyId} ${action} ${resource} (${d.reason}${d.statement ? ` ${d.statement}` : ''})`,
      );
      throw new S3Error('AccessDenied', 'Access Denied', 403);
    }
  };
}

/** Whether a principal's role could be allowed an action on some resource (see mayAllowAction). */
export function createActionScreen(bucket: string): (principal: PolicyPrincipal, action: string) => boolean {
  const policies = rolePolicies(bucket);
  return (principal, action) => {
    if (principal.role === 'service') return true;
    const policy = policies[principal.role];
    return policy !== undefined && mayAllowAction([policy], action);
  };
}
