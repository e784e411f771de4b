/**
 * The roles, defined once. Each has its policy document (`infra/policies/<role>.json`), which AWS
 * and the local stand-in both enforce; the identity pools, the brokers, the stand-in's Cognito and
 * its authorizer all take their role names from here. A name that is not listed is an error
 * wherever it appears, never a quiet fallback to `viewer`.
 */
export const ROLE_NAMES = ['viewer', 'uploader', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/**
 * Roles a sign-in can carry (a viewer is anyone without one), most privileged first: a user in
 * several directory groups gets the first role that matches.
 */
export const SIGNED_IN_ROLES = ['admin', 'uploader'] as const satisfies readonly RoleName[];
export type SignedInRole = (typeof SIGNED_IN_ROLES)[number];

/** Who signed a request: a role, or the stand-in's static service keys (the packager, tools). */
export type PrincipalRole = RoleName | 'service';

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}

export function isSignedInRole(value: unknown): value is SignedInRole {
  return typeof value === 'string' && (SIGNED_IN_ROLES as readonly string[]).includes(value);
}

/** `value` as a role, or an error naming where the unknown role came from. */
export function parseRole(value: unknown, where: string): RoleName {
  if (isRoleName(value)) return value;
  throw new Error(`${where}: unknown role ${JSON.stringify(value)} (roles: ${ROLE_NAMES.join(', ')})`);
}
