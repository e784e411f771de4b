/**
 * Write-ahead intents: a change is journalled (`audit/intents/<time>-<id>.json`) before it is made and
 * the intent is cleared once its entry is appended, so a writer stopped between the change and its
 * entry loses nothing: recovery finds the intent and appends the entry, marked `recovered`. A probe
 * (the changed object's SHA-256 before and after) lets recovery tell whether the change happened:
 * it did (entry, confirmed), it did not (intent dropped), or the object changed again since
 * (entry, unconfirmed: the record of an attempt is kept rather than guessed away).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ObjectStore } from '../storage/object-store.ts';
import { INTENTS_PREFIX, type AuditEntry } from './entry.ts';

/** The changed object in the main bucket, by the SHA-256 of its body (null: absent). */
export interface IntentProbe {
  key: string;
  sha256Before: string | null;
  sha256After: string | null;
}

export interface StoredIntent<I> {
  id: string;
  intendedAt: string;
  input: I;
  probe?: IntentProbe;
}

export const sha256Hex = (body: string): string => createHash('sha256').update(body).digest('hex');

export const intentKey = (at: number, id: string): string => `${INTENTS_PREFIX}${String(at).padStart(15, '0')}-${id}.json`;
const intentTime = (key: string): number => Number(key.slice(INTENTS_PREFIX.length).split('-')[0]);

export const newIntentId = (): string => randomUUID();

export type ProbeVerdict = 'happened' | 'not-happened' | 'unknown';

export async function probeChange(store: ObjectStore | undefined, probe: IntentProbe | undefined): Promise<ProbeVerdict> {
  if (!store || !probe) return 'unknown';
  const got = await store.get(probe.key);
  const now = got ? sha256Hex(got.body) : null;
  if (now === probe.sha256After) return 'happened';
  if (now === probe.sha256Before) return 'not-happened';
  return 'unknown';
}

/** Intents older than `olderThanMs` (younger ones may belong to a writer still at work). */
export async function staleIntents(store: ObjectStore, now: number, olderThanMs: number): Promise<string[]> {
  return (await store.list(INTENTS_PREFIX)).filter((k) => k.endsWith('.json') && now - intentTime(k) >= olderThanMs);
}

export type RecoveredEntry = AuditEntry & { recovered: NonNullable<AuditEntry['recovered']> };
