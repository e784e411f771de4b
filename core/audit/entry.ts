/**
 * One audit entry: who (identity and role), when, what (action and target), before and after. Each
 * carries the hash of the previous entry and its own hash, SHA-256 over the canonical JSON of every
 * other member, so editing, removing or reordering any entry breaks the chain from there on.
 */
import { createHash } from 'node:crypto';
import type { PrincipalRole } from '../../infra/policies/roles.ts';
import { canonicalJson } from './canonical-json.ts';

export const AUDIT_VERSION = 1;
/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = [
  'clip.update',
  'clip.publish',
  'clip.unpublish',
  'clip.delete',
  'clip.captions',
  'client.create',
  'client.rotate-secret',
  'client.delete',
  'webhook.create',
  'webhook.rotate-secret',
  'webhook.delete',
  'upload.complete',
  'packaging.result',
  'period.create',
  'period.delete',
  'approval.request',
  'approval.approve',
  'approval.reject',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  sub: string;
  /** `service` for the platform's own steps (packaging). */
  role: PrincipalRole;
  clientId?: string;
}

export interface AuditEntry {
  schemaVersion: typeof AUDIT_VERSION;
  /** 1, 2, 3… with no gaps. */
  seq: number;
  /** ISO 8601. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  clipId?: string;
  /** For client actions: the OAuth client changed. */
  targetClientId?: string;
  /** For webhook actions: the subscription changed. */
  targetSubscriptionId?: string;
  /** For approval actions: the publication request; for period actions: the sensitive period. */
  targetRequestId?: string;
  targetPeriodId?: string;
  before: unknown;
  after: unknown;
  /**
   * Set when the entry was appended by recovery: its change was journalled as an intent, the writer
   * stopped before appending, and a later process found the intent. `confirmed`: the stored state
   * shows the change happened (false: it may or may not have).
   */
  recovered?: { intendedAt: string; confirmed: boolean };
  /**
   * The queue item this entry was sequenced from (sequencer.ts): no item is sequenced twice, and
   * verification names an entry appended twice. Absent in entries written before the sequencer.
   */
  queueId?: string;
  prevHash: string;
  hash: string;
}

export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

export function hashEntry(entry: UnhashedEntry): string {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export const ENTRIES_PREFIX = 'audit/entries/';
export const BY_CLIP_PREFIX = 'audit/by-clip/';
export const SEALS_PREFIX = 'audit/seals/';
export const INTENTS_PREFIX = 'audit/intents/';
export const QUEUE_PREFIX = 'audit/queue/';
/** The sequencer's lease in the media bucket: under the API's own prefix, which the CDN never serves (sequencer.ts). */
export const LEASE_KEY_OUTSIDE = 'api/audit-sequencer/lease.json';
/** Zero-padded so key order is sequence order. */
export const seqName = (seq: number): string => String(seq).padStart(12, '0');
export const entryKey = (seq: number): string => `${ENTRIES_PREFIX}${seqName(seq)}.json`;
export const clipPointerKey = (clipId: string, seq: number): string => `${BY_CLIP_PREFIX}${clipId}/${seqName(seq)}`;
export const sealKey = (seq: number): string => `${SEALS_PREFIX}${seqName(seq)}.json`;
export const seqOfKey = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, ''));
/** The seal keys' JWKS in the media bucket, served by the CDN (core/keys/publish-jwks.ts): what an auditor fetches to check seals. */
export const AUDIT_SEAL_JWKS_PATH = 'keys/audit-seal-jwks.json';
