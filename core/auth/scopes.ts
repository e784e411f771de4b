/**
 * The API's scopes, defined once, and what each role may hold. A person's token carries every scope
 * of their role; a system client carries the scopes it was given (never more than its role allows).
 */
import type { RoleName } from '../../infra/policies/roles.ts';

export const SCOPES = {
  'clips:read': 'List, search and read clips (published ones only, unless the role is admin).',
  'clips:write': 'Edit clip metadata.',
  'clips:publish': 'Publish and unpublish clips.',
  'clips:delete': 'Delete clips.',
  'clips:preview': 'Play any clip, drafts too, through short-lived signed CDN URLs (one clip per grant).',
  'audit:read': 'Read the audit log.',
  'clients:manage': 'Create, rotate and delete OAuth clients.',
  'webhooks:manage': 'Create, read, rotate and delete webhook subscriptions and read their delivery logs.',
  'uploads:write': 'Upload clips through presigned part URLs (server-side uploads).',
  'periods:manage': 'Create and remove sensitive periods (during one, publishing, unpublishing and deleting need a second admin).',
  'publication:approve': 'Approve or reject another person’s publish, unpublish or delete request made during a sensitive period.',
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export const ROLE_SCOPES: Readonly<Record<RoleName, readonly Scope[]>> = {
  viewer: ['clips:read'],
  uploader: ['clips:read', 'uploads:write'],
  admin: SCOPE_NAMES,
};

export const isScope = (s: unknown): s is Scope => typeof s === 'string' && Object.hasOwn(SCOPES, s);

/** Scopes of `requested` that `role` may not hold. */
export const scopesBeyondRole = (role: RoleName, requested: readonly string[]): string[] =>
  requested.filter((s) => !(ROLE_SCOPES[role] as readonly string[]).includes(s));
