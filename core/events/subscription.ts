/**
 * A webhook subscription as stored (`api/subscriptions/<id>.json`, a private prefix no role may
 * read) and as the API shows it. The secret is the HMAC key: stored, because every delivery is
 * signed with it, and shown only once, in the answer that created or rotated it.
 */
import { randomBytes } from 'node:crypto';
import type { ClipEventType } from './event-types.js';

export const SUBSCRIPTION_ID_PATTERN = /^sub_[0-9a-f]{32}$/;
export const newSubscriptionId = (): string => `sub_${randomBytes(16).toString('hex')}`;
/** `whsec_` + 256 random bits, base64url. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export interface StoredSubscription {
  id: string;
  url: string;
  events: ClipEventType[];
  description: string;
  secret: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  previousSecret?: string;
  previousSecretExpiresAt?: string;
  /** Who created it (the API's principal), for the audit trail. */
  createdBy: string;
  createdAt: string;
  secretRotatedAt?: string;
}

/** What the API shows: everything but the secrets. */
export interface Subscription {
  id: string;
  url: string;
  events: ClipEventType[];
  description: string;
  createdBy: string;
  createdAt: string;
  secretRotatedAt?: string;
}

export const publicView = (s: StoredSubscription): Subscription => ({
  id: s.id,
  url: s.url,
  events: [...s.events],
  description: s.description,
  createdBy: s.createdBy,
  createdAt: s.createdAt,
  ...(s.secretRotatedAt ? { secretRotatedAt: s.secretRotatedAt } : {}),
});

/** The secrets that sign a delivery at `now` (ms): the current one, and the previous one in its grace period. */
export function signingSecrets(s: StoredSubscription, now: number): string[] {
  const grace = s.previousSecret && s.previousSecretExpiresAt && Date.parse(s.previousSecretExpiresAt) > now;
  return grace ? [s.secret, s.previousSecret!] : [s.secret];
}
