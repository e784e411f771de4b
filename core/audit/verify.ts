/**
 * Walk the audit chain and name the first broken entry: a sequence gap (an entry removed), an entry
 * whose key and `seq` disagree (moved), a `prevHash` that is not the previous entry's hash (reordered
 * or inserted), or a hash that does not match the content (edited).
 */
import type { ObjectStore } from '../storage/object-store.ts';
import { ENTRIES_PREFIX, GENESIS_HASH, hashEntry, seqOfKey, type AuditEntry } from './entry.ts';

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenSeq: number; reason: 'gap' | 'seq-mismatch' | 'prev-hash' | 'hash' | 'unreadable'; detail: string };

/** Check entries given in key order (`seqFromKey`: the sequence number their key names). */
export function verifyEntries(entries: Iterable<{ seqFromKey: number; entry: AuditEntry | undefined }>): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const { seqFromKey, entry } of entries) {
    if (seqFromKey !== expectedSeq)
      return { ok: false, count, brokenSeq: expectedSeq, reason: 'gap', detail: `entry ${expectedSeq} is missing (next is ${seqFromKey})` };
    if (!entry) return { ok: false, count, brokenSeq: seqFromKey, reason: 'unreadable', detail: `entry ${seqFromKey} is not valid JSON` };
    if (entry.seq !== seqFromKey)
      return { ok: false, count, brokenSeq: seqFromKey, reason: 'seq-mismatch', detail: `the object for ${seqFromKey} says seq ${entry.seq}` };
    if (entry.prevHash !== prevHash)
      return {
        ok: false,
        count,
        brokenSeq: seqFromKey,
        reason: 'prev-hash',
        detail: `entry ${seqFromKey} does not chain to entry ${seqFromKey - 1}`,
      };
    if (hashEntry(entry) !== entry.hash)
      return {
        ok: false,
        count,
        brokenSeq: seqFromKey,
        reason: 'hash',
        detail: `entry ${seqFromKey} was altered (its hash does not match its content)`,
      };
    prevHash = entry.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count, headHash: prevHash };
}

/** Verify the whole log in a bucket. */
export async function verifyAuditLog(store: ObjectStore): Promise<ChainVerdict> {
  const keys = await store.list(ENTRIES_PREFIX);
  const items: Array<{ seqFromKey: number; entry: AuditEntry | undefined }> = [];
  for (const key of keys) {
    const got = await store.get(key);
    let entry: AuditEntry | undefined;
    try {
      entry = got ? (JSON.parse(got.body) as AuditEntry) : undefined;
    } catch {
      entry = undefined;
    }
    items.push({ seqFromKey: seqOfKey(key), entry });
  }
  return verifyEntries(items);
}
