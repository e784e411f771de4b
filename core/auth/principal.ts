/** Who calls the API, from a verified access token. */
import type { RoleName } from '../../infra/policies/roles.ts';
import type { Scope } from './scopes.ts';

export interface Principal {
  /** A person's login name, or `client:<clientId>` for a system. */
  sub: string;
  role: RoleName;
  /** Set for systems (OAuth 2.0 client credentials). */
  clientId?: string;
  scopes: Scope[];
}

/** The key a principal's rate limit and idempotency keys are kept under. */
export const principalKey = (p: Pick<Principal, 'sub' | 'clientId'>): string => (p.clientId ? `client:${p.clientId}` : `user:${p.sub}`);
