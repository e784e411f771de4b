/**
 * The append-only audit log: entries are immutable objects `audit/entries/<seq>.json`, each created
 * with `If-None-Match: *`, so two writers can never take the same sequence number: the loser re-reads
 * the head and chains after the winner. A per-clip pointer (`audit/by-clip/<clip>/<seq>`) makes a
 * clip's history one listing. Issue 17's seals and Object Lock build on these same objects.
 */
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';
import {
  AUDIT_VERSION,
  BY_CLIP_PREFIX,
  ENTRIES_PREFIX,
  GENESIS_HASH,
  clipPointerKey,
  entryKey,
  hashEntry,
  seqOfKey,
  type AuditEntry,
} from './entry.ts';

/** What a caller appends: an entry without what the log itself assigns (sequence, time, chain). */
export type AppendInput = Omit<AuditEntry, 'schemaVersion' | 'seq' | 'at' | 'prevHash' | 'hash'>;

export interface AuditLog {
  append(input: AppendInput): Promise<AuditEntry>;
  /** Entries in order, after sequence `afterSeq`, at most `limit`; only `clipId`'s when given. */
  list(opts: { clipId?: string; afterSeq?: number; limit: number }): Promise<AuditEntry[]>;
  get(seq: number): Promise<AuditEntry | undefined>;
}

const MAX_ATTEMPTS = 100;

export function createAuditLog(store: ObjectStore, now: () => number = Date.now): AuditLog {
  /** The last entry this process knows of (a hint: the store decides). */
  let head: { seq: number; hash: string } | undefined;

  async function get(seq: number): Promise<AuditEntry | undefined> {
    const got = await store.get(entryKey(seq));
    return got ? (JSON.parse(got.body) as AuditEntry) : undefined;
  }

  /** The newest entry, listing only past what is already known. */
  async function readHead(): Promise<{ seq: number; hash: string }> {
    let known = head ?? { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const keys = await store.list(ENTRIES_PREFIX, { startAfter: known.seq ? entryKey(known.seq) : undefined, max: 1000 });
      if (!keys.length) break;
      const last = await get(seqOfKey(keys[keys.length - 1]!));
      if (!last) break;
      known = { seq: last.seq, hash: last.hash };
      if (keys.length < 1000) break;
    }
    return known;
  }

  async function append(input: AppendInput): Promise<AuditEntry> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const h = head ?? (head = await readHead());
      const unhashed = {
        schemaVersion: AUDIT_VERSION,
        seq: h.seq + 1,
        at: new Date(now()).toISOString(),
        actor: input.actor,
        action: input.action,
        ...(input.clipId ? { clipId: input.clipId } : {}),
        ...(input.targetClientId ? { targetClientId: input.targetClientId } : {}),
        ...(input.targetSubscriptionId ? { targetSubscriptionId: input.targetSubscriptionId } : {}),
        ...(input.targetRequestId ? { targetRequestId: input.targetRequestId } : {}),
        ...(input.targetPeriodId ? { targetPeriodId: input.targetPeriodId } : {}),
        before: input.before ?? null,
        after: input.after ?? null,
        prevHash: h.hash,
      } as const;
      const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
      try {
        await store.put(entryKey(entry.seq), JSON.stringify(entry), { ifNoneMatch: '*', cacheControl: 'no-store' });
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e;
        head = await readHead(); // another writer took this number: chain after it
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
        continue;
      }
      head = { seq: entry.seq, hash: entry.hash };
      if (entry.clipId) await store.put(clipPointerKey(entry.clipId, entry.seq), String(entry.seq), { contentType: 'text/plain' });
      return entry;
    }
    throw new Error(`Audit append gave up after ${MAX_ATTEMPTS} contended attempts`);
  }

  async function list({ clipId, afterSeq = 0, limit }: { clipId?: string; afterSeq?: number; limit: number }): Promise<AuditEntry[]> {
    const keys = clipId
      ? (await store.list(`${BY_CLIP_PREFIX}${clipId}/`, { startAfter: afterSeq ? clipPointerKey(clipId, afterSeq) : undefined, max: limit })).map(
          (k) => entryKey(seqOfKey(k)),
        )
      : await store.list(ENTRIES_PREFIX, { startAfter: afterSeq ? entryKey(afterSeq) : undefined, max: limit });
    const out: AuditEntry[] = [];
    for (const k of keys) {
      const e = await get(seqOfKey(k));
      if (e) out.push(e);
    }
    return out;
  }

  // One append at a time per process (others on other processes still race through If-None-Match).
  let queue: Promise<unknown> = Promise.resolve();
  const appendInOrder = (input: AppendInput): Promise<AuditEntry> => {
    const run = queue.then(() => append(input));
    queue = run.catch(() => undefined);
    return run;
  };

  return { append: appendInOrder, list, get };
}
