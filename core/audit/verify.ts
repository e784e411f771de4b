/**
 * Walk the audit chain and name the first broken entry: a sequence gap (an entry removed), an entry
 * whose key and `seq` disagree (moved), a `prevHash` that is not the previous entry's hash (reordered
 * or inserted), a hash that does not match the content (edited), or an entry whose queue item an earlier
 * entry already sequenced (appended twice). Then check every seal: its
 * signature against the published keys, and that the entry it names has the hash it signed; a seal
 * past the end of the log shows entries removed from the end, which the chain alone cannot show.
 */
import type { JsonWebKeySet } from '../auth/signing-keys.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { ENTRIES_PREFIX, GENESIS_HASH, SEALS_PREFIX, hashEntry, seqOfKey, type AuditEntry } from './entry.ts';
import { checkSeal, type Seal } from './seal.ts';

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | {
      ok: false;
      count: number;
      brokenSeq: number;
      reason: 'gap' | 'seq-mismatch' | 'prev-hash' | 'hash' | 'unreadable' | 'duplicate';
      detail: string;
    };

export type SealVerdict =
  | { ok: true; count: number; lastSealedSeq: number }
  | {
      ok: false;
      count: number;
      brokenSealSeq: number;
      reason: 'unreadable' | 'seq-mismatch' | 'signature' | 'unknown-key' | 'claims' | 'head-mismatch' | 'past-end';
      detail: string;
    };

export interface AuditVerdict {
  ok: boolean;
  chain: ChainVerdict;
  /** Absent when no keys were given to check seals with. */
  seals?: SealVerdict;
}

const parse = <T>(body: string | undefined): T | undefined => {
  try {
    return body === undefined ? undefined : (JSON.parse(body) as T);
  } catch {
    return undefined;
  }
};

/** Check entries given in key order (`seqFromKey`: the sequence number their key names). */
export function verifyEntries(entries: Iterable<{ seqFromKey: number; entry: AuditEntry | undefined }>): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const seqOfQueueId = new Map<string, number>();
  for (const { seqFromKey, entry } of entries) {
    if (seqFromKey !== expectedSeq)
      return { ok: false, count, brokenSeq: expectedSeq, reason: 'gap', detail: `entry ${expectedSeq} is missing (next is ${seqFromKey})` };
    if (!entry) return { ok: false, count, brokenSeq: seqFromKey, reason: 'unreadable', detail: `entry ${seqFromKey} is missing or not valid JSON` };
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
    const twin = entry.queueId === undefined ? undefined : seqOfQueueId.get(entry.queueId);
    if (twin !== undefined)
      return {
        ok: false,
        count,
        brokenSeq: seqFromKey,
        reason: 'duplicate',
        detail: `entry ${seqFromKey} repeats entry ${twin} (the same queued append sequenced twice)`,
      };
    if (entry.queueId !== undefined) seqOfQueueId.set(entry.queueId, seqFromKey);
    prevHash = entry.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count, headHash: prevHash };
}

/** Check seals given in key order against the entries' hashes by sequence, as they are stored. */
export async function verifySeals(
  seals: Iterable<{ seqFromKey: number; seal: Seal | undefined }>,
  hashes: ReadonlyMap<number, string | undefined>,
  jwks: JsonWebKeySet,
): Promise<SealVerdict> {
  let count = 0;
  let lastSealedSeq = 0;
  const end = Math.max(0, ...hashes.keys());
  for (const { seqFromKey, seal } of seals) {
    const broken = (reason: Extract<SealVerdict, { ok: false }>['reason'], detail: string): SealVerdict => ({
      ok: false,
      count,
      brokenSealSeq: seqFromKey,
      reason,
      detail: `seal ${seqFromKey}: ${detail}`,
    });
    if (!seal || typeof seal.jws !== 'string') return broken('unreadable', 'missing or not valid JSON');
    if (seal.seq !== seqFromKey) return broken('seq-mismatch', `its object says seq ${seal.seq}`);
    const checked = await checkSeal(seal, jwks);
    if (!checked.ok) return broken(checked.problem, checked.detail);
    if (seal.seq > end) return broken('past-end', `it vouches for entry ${seal.seq} but the log ends at ${end} (entries removed)`);
    if (hashes.get(seal.seq) !== seal.headHash)
      return broken('head-mismatch', `entry ${seal.seq} is not the entry it signed (the chain was rewritten)`);
    count++;
    lastSealedSeq = seal.seq;
  }
  return { ok: true, count, lastSealedSeq };
}

/** Verify the whole log in a bucket; with `jwks`, every seal too. */
export async function verifyAuditLog(store: ObjectStore, jwks?: JsonWebKeySet): Promise<AuditVerdict> {
  const items: Array<{ seqFromKey: number; entry: AuditEntry | undefined }> = [];
  for (const key of await store.list(ENTRIES_PREFIX)) {
    const got = await store.get(key);
    // Listed but gone when read (removed meanwhile, or behind the storage's back): a gap, as if unlisted.
    if (got) items.push({ seqFromKey: seqOfKey(key), entry: parse<AuditEntry>(got.body) });
  }
  const chain = verifyEntries(items);
  if (!jwks) return { ok: chain.ok, chain };
  // Seals are checked against the stored hashes in key order, whatever the chain verdict: a seal
  // then says which entries it vouched for even when the chain breaks before them.
  const hashes = new Map(items.map(({ seqFromKey, entry }) => [seqFromKey, entry?.hash] as const));
  const sealItems: Array<{ seqFromKey: number; seal: Seal | undefined }> = [];
  for (const key of await store.list(SEALS_PREFIX))
    if (key.endsWith('.json')) sealItems.push({ seqFromKey: seqOfKey(key), seal: parse<Seal>((await store.get(key))?.body) });
  const seals = await verifySeals(sealItems, hashes, jwks);
  return { ok: chain.ok && seals.ok, chain, seals };
}
