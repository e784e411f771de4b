/**
 * One sequencer for audit appends. Writers do not race for sequence numbers: an append is first
 * queued durably (`audit/queue/<time>-<uuid>.json`, a unique key, so no contention), then one
 * process at a time, the holder of a lease object, drains the queue in key order and writes the
 * entries h+1, h+2… Whoever is not the leader waits for its entry (answered in memory when this
 * process led; otherwise its queue object disappears, and its entry is found through its clip's
 * pointers) and tries to lead when the lease is free or expired, so a stopped leader only delays the
 * queue by its lease.
 *
 * Safety does not rest on the lease (a stalled leader may wake after losing it):
 *   - the chain stays linear: every entry is still created with `If-None-Match: *`, one at a time, and a
 *     lost write makes the leader re-read the head (and stop if its lease is gone);
 *   - no item is sequenced twice: each entry records its queue item's id (`queueId`), and before writing
 *     an item a leader has read every entry from the lease's `from` on, which is where any entry whose
 *     queue item still exists can be. `from` only advances when a leader releases having deleted the
 *     queue item of every entry before it.
 * The lease lives outside the Object Lock bucket when a `leases` store is given (each lease write is
 * an overwrite, which the locked bucket would keep for years).
 */
import { randomUUID } from 'node:crypto';
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';
import { BY_CLIP_PREFIX, ENTRIES_PREFIX, GENESIS_HASH, QUEUE_PREFIX, clipPointerKey, entryKey, seqOfKey, type AuditEntry } from './entry.ts';

/** What a queue item holds: the entry to be, less what the sequencer assigns. */
export interface QueueItem<I> {
  id: string;
  queuedAt: string;
  input: I;
  recovered?: AuditEntry['recovered'];
}

interface LeaseBody {
  owner: string;
  /** Milliseconds since the epoch (the writer's clock: it only decides who may try, never what is written). */
  expiresAt: number;
  /** Entries from this sequence number on may still have their queue item. */
  from: number;
  released?: boolean;
}

interface HeldLease extends LeaseBody {
  etag: string;
  renewAt: number;
}

export interface SequencerOptions<I> {
  /** The audit bucket: entries, pointers, the queue. */
  store: ObjectStore;
  /** Where the lease object lives (default: `store`). */
  leases?: ObjectStore;
  leaseKey?: string;
  /** How long a lease holds without renewal (default 10 s). */
  leaseMs?: number;
  now: () => number;
  log: (m: string) => void;
  /** The entry for an item, chained after `prev`. */
  build(item: QueueItem<I>, seq: number, prevHash: string): AuditEntry;
  /** Called by the leader when it takes the lease (before writing) and after each entry it writes (sealing). */
  onLead?(): Promise<void>;
  onEntry?(entry: AuditEntry): Promise<void>;
}

export const DEFAULT_LEASE_KEY = 'audit/sequencer/lease.json';
export const DEFAULT_LEASE_MS = 10_000;
/** Queue items read per listing. */
const BATCH = 1000;
/** Concurrent reads of entries and queue items. */
const READ_CONCURRENCY = 8;
/** A leader with no caller of its own left waiting hands over after this long (an API request should not drain for others forever). */
const LEAD_FOR_OTHERS_MS = 2_000;
/**
 * Waiting in another process than the leader's: polls of its queue item backing off from the first to the
 * last interval, and a live lease trusted this long before it is read again. Every poll is a request the
 * storage also serves to the leader, so few and spread out.
 */
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 800;
const LEASE_REREAD_MS = 1_000;
/** Consecutive failures (storage errors, not lost races) after which waiting callers are answered with the error; their items stay queued. */
const MAX_FAILURES = 5;

export const queueKey = (id: string): string => `${QUEUE_PREFIX}${id}.json`;
const idOfQueueKey = (key: string): string => key.slice(QUEUE_PREFIX.length, -'.json'.length);

class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

const parse = <T>(body: string): T | undefined => {
  try {
    return JSON.parse(body) as T;
  } catch {
    return undefined;
  }
};

/** Runs `fn` over `items` with at most `n` at a time, results in order. */
async function mapLimited<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
    }),
  );
  return out;
}

export interface Sequencer<I> {
  /** Queue an item and resolve once its entry is in the chain (and its clip pointer written). */
  submit(input: I, recovered?: AuditEntry['recovered']): Promise<AuditEntry>;
  /** Sequence whatever is queued (items whose writer stopped) if the lease is free; how many entries this wrote. */
  drainQueued(): Promise<number>;
  /** The chain's newest entry, as stored now. */
  head(): Promise<{ seq: number; hash: string }>;
}

export function createSequencer<I extends { clipId?: string }>(o: SequencerOptions<I>): Sequencer<I> {
  const { store, now, log } = o;
  const leases = o.leases ?? store;
  const leaseKey = o.leaseKey ?? DEFAULT_LEASE_KEY;
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  /** The newest entry this process has read or written. */
  let known: { seq: number; hash: string } | undefined;
  /** Queue ids of entries this process has read or written, by sequence number (pruned below the lease's `from`). */
  const idsBySeq = new Map<number, { queueId?: string; clipId?: string }>();
  /** This process's callers waiting for their entry, by queue id. */
  type Waiter = {
    item: QueueItem<I>;
    since: number;
    /** `local`: held for this process's leader, not in the queue; `queuing`: its queue object being written. */
    state: 'local' | 'queuing' | 'queued';
    resolve: (e: AuditEntry) => void;
    reject: (e: Error) => void;
  };
  const waiting = new Map<string, Waiter>();

  async function getEntry(seq: number): Promise<AuditEntry | undefined> {
    const got = await store.get(entryKey(seq));
    return got ? parse<AuditEntry>(got.body) : undefined;
  }

  /** The newest entry, listing only past what is already known (reads the last entry only). */
  async function readHead(): Promise<{ seq: number; hash: string }> {
    let h = known ?? { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const keys = await store.list(ENTRIES_PREFIX, { startAfter: h.seq ? entryKey(h.seq) : undefined, max: 1000 });
      if (!keys.length) break;
      const last = await getEntry(seqOfKey(keys[keys.length - 1]!));
      if (!last) break;
      h = { seq: last.seq, hash: last.hash };
      if (keys.length < 1000) break;
    }
    return h;
  }

  function noteEntry(e: AuditEntry): void {
    idsBySeq.set(e.seq, { ...(e.queueId ? { queueId: e.queueId } : {}), ...(e.clipId ? { clipId: e.clipId } : {}) });
  }

  async function advanceHead(): Promise<{ seq: number; hash: string }> {
    return (known = await readHead());
  }

  /** The entry of an item whose queue object is gone, after sequence `since`: through its clip's pointers when it has a clip (written before the item is cleared). */
  async function locate(item: QueueItem<I>, since: number): Promise<AuditEntry | undefined> {
    const clipId = item.input.clipId;
    const keys = clipId
      ? await store.list(`${BY_CLIP_PREFIX}${clipId}/`, { startAfter: since ? clipPointerKey(clipId, since) : undefined })
      : await store.list(ENTRIES_PREFIX, { startAfter: since ? entryKey(since) : undefined });
    for (const key of keys.reverse()) {
      const e = await getEntry(seqOfKey(key));
      if (e?.queueId === item.id) return e;
    }
    return undefined;
  }

  /** Answers this process's callers whose item another process sequenced (its queue object is gone). */
  async function settleWaiting(): Promise<void> {
    // Only items whose queue object was written: one still being written is absent, but not done.
    await mapLimited(
      [...waiting].filter(([, w]) => w.state === 'queued'),
      READ_CONCURRENCY,
      async ([id, w]) => {
        if (await store.get(queueKey(id))) return;
        const e = await locate(w.item, w.since);
        if (!waiting.delete(id)) return; // answered meanwhile
        if (e) w.resolve(e);
        else w.reject(new Error(`Audit append ${id} left the queue but its entry was not found`));
      },
    );
  }

  /** Fills `idsBySeq` for entries `from`..`to` not yet read by this process. */
  async function scanRange(from: number, to: number): Promise<void> {
    const missing: number[] = [];
    for (let s = Math.max(1, from); s <= to; s++) if (!idsBySeq.has(s)) missing.push(s);
    const entries = await mapLimited(missing, READ_CONCURRENCY, getEntry);
    for (const e of entries) if (e) noteEntry(e);
  }

  async function ensurePointer(e: AuditEntry): Promise<void> {
    if (!e.clipId) return;
    try {
      await store.put(clipPointerKey(e.clipId, e.seq), String(e.seq), { ifNoneMatch: '*', contentType: 'text/plain' });
    } catch (err) {
      if (!(err instanceof PreconditionFailed)) throw err;
    }
  }

  /** An entry in the chain whose queue item may remain (its leader stopped): pointer first, then the item. */
  async function settleSequenced(seq: number): Promise<void> {
    const ids = idsBySeq.get(seq);
    if (!ids?.queueId) return;
    if (!(await store.get(queueKey(ids.queueId)))) return; // its leader finished it
    if (ids.clipId) await ensurePointer({ seq, clipId: ids.clipId } as AuditEntry);
    await store.delete(queueKey(ids.queueId));
  }

  async function acquire(): Promise<HeldLease | undefined> {
    const got = await leases.get(leaseKey);
    const t = now();
    let from: number;
    if (got) {
      const old = parse<LeaseBody>(got.body);
      const live = !!old && !old.released && old.expiresAt > t;
      leaseSeen = { live, readAt: t };
      if (live) return undefined;
      from = old?.from ?? 1;
    } else {
      // No lease ever: nothing was sequenced through a queue yet.
      from = (await advanceHead()).seq + 1;
    }
    const body: LeaseBody = { owner: randomUUID(), expiresAt: t + leaseMs, from };
    try {
      const etag = await leases.put(
        leaseKey,
        JSON.stringify(body),
        got ? { ifMatch: got.etag, cacheControl: 'no-store' } : { ifNoneMatch: '*', cacheControl: 'no-store' },
      );
      return { ...body, etag, renewAt: t + leaseMs / 2 };
    } catch (e) {
      if (e instanceof PreconditionFailed) return undefined;
      throw e;
    }
  }

  async function writeLease(lease: HeldLease, body: LeaseBody): Promise<void> {
    try {
      lease.etag = await leases.put(leaseKey, JSON.stringify(body), { ifMatch: lease.etag, cacheControl: 'no-store' });
    } catch (e) {
      if (e instanceof PreconditionFailed) throw new LeaseLost('the sequencer lease was taken over');
      throw e;
    }
  }

  /** Renews the lease when half of it is gone (or it already ran out while this process stalled). */
  async function keepLease(lease: HeldLease): Promise<void> {
    const t = now();
    if (t < lease.renewAt) return;
    const body: LeaseBody = { owner: lease.owner, expiresAt: t + leaseMs, from: lease.from };
    await writeLease(lease, body);
    lease.expiresAt = body.expiresAt;
    lease.renewAt = t + leaseMs / 2;
  }

  async function readItem(key: string): Promise<QueueItem<I> | undefined> {
    const local = waiting.get(idOfQueueKey(key));
    if (local) return local.item;
    const got = await store.get(key);
    return got ? parse<QueueItem<I>>(got.body) : undefined;
  }

  /** Drains the queue while holding `lease`; returns how many entries it wrote. */
  async function lead(lease: HeldLease): Promise<number> {
    leading = true;
    try {
      return await leadHeld(lease);
    } finally {
      leading = false;
    }
  }

  async function leadHeld(lease: HeldLease): Promise<number> {
    await o.onLead?.();
    let h = await advanceHead();
    await scanRange(lease.from, h.seq);
    const mine = new Set<number>();
    const started = now();
    let written = 0;
    const pending: Array<Promise<void>> = [];
    try {
      for (;;) {
        // This process's own appends made while it leads skip the queue (nobody else could sequence them).
        const locals = [...waiting].filter(([, w]) => w.state === 'local').map(([id, w]) => ({ id, key: undefined, item: w.item }));
        const keys = await store.list(QUEUE_PREFIX, { max: BATCH });
        if (!keys.length && !locals.length) break;
        const inChain = new Map<string, number>();
        for (const [seq, ids] of idsBySeq) if (seq >= lease.from && ids.queueId) inChain.set(ids.queueId, seq);
        const got = await mapLimited(keys, READ_CONCURRENCY, readItem);
        const work: Array<{ id: string; key: string | undefined; item: QueueItem<I> | undefined }> = [
          ...keys.map((key, i) => ({ id: idOfQueueKey(key), key, item: got[i] })),
          ...locals,
        ];
        for (let i = 0; i < work.length; i++) {
          const { id, key, item } = work[i]!;
          const seqInChain = inChain.get(id);
          if (seqInChain !== undefined) {
            if (!mine.has(seqInChain)) pending.push(settleSequenced(seqInChain));
            continue;
          }
          if (!item) continue; // sequenced and cleared meanwhile by someone else
          await keepLease(lease);
          const entry = o.build({ ...item, id }, h.seq + 1, h.hash);
          try {
            await store.put(entryKey(entry.seq), JSON.stringify(entry), { ifNoneMatch: '*', cacheControl: 'no-store' });
          } catch (e) {
            if (!(e instanceof PreconditionFailed)) throw e;
            // Someone else wrote this number: a former leader woke up, or the lease is no longer ours.
            const current = await leases.get(leaseKey);
            if (current?.etag !== lease.etag) throw new LeaseLost('another leader wrote the next entry');
            const before = h.seq;
            h = await advanceHead();
            await scanRange(before + 1, h.seq);
            for (const [seq, ids] of idsBySeq) if (seq >= lease.from && ids.queueId) inChain.set(ids.queueId, seq);
            i--; // this item again: it may be the one just written
            continue;
          }
          h = known = { seq: entry.seq, hash: entry.hash };
          mine.add(entry.seq);
          idsBySeq.set(entry.seq, { queueId: id, ...(entry.clipId ? { clipId: entry.clipId } : {}) });
          written++;
          const local = waiting.get(id);
          waiting.delete(id);
          pending.push(
            (async () => {
              await ensurePointer(entry);
              local?.resolve(entry);
              if (key) await store.delete(key);
            })().catch((err: unknown) => {
              local?.reject(err as Error);
              throw err;
            }),
          );
          try {
            await o.onEntry?.(entry);
          } catch (err) {
            log(`audit: sealing after entry ${entry.seq} failed: ${(err as Error).message}`);
          }
        }
        await Promise.all(pending.splice(0));
        if (!waiting.size && now() - started >= LEAD_FOR_OTHERS_MS) break;
      }
      await Promise.all(pending.splice(0));
      // Every entry from `from` to the head now has its queue item cleared: settle those this leader did not write.
      const foreign: number[] = [];
      for (let s = lease.from; s <= h.seq; s++) if (!mine.has(s)) foreign.push(s);
      await mapLimited(foreign, READ_CONCURRENCY, settleSequenced);
      for (const s of idsBySeq.keys()) if (s <= h.seq) idsBySeq.delete(s);
      await writeLease(lease, { owner: lease.owner, expiresAt: 0, from: h.seq + 1, released: true });
    } finally {
      await Promise.allSettled(pending);
    }
    return written;
  }

  async function tryLead(): Promise<number | undefined> {
    if (leaseSeen?.live && now() - leaseSeen.readAt < LEASE_REREAD_MS) return undefined;
    const lease = await acquire();
    if (!lease) return undefined;
    try {
      return await lead(lease);
    } catch (e) {
      if (e instanceof LeaseLost) {
        log(`audit: ${e.message}; this process stops sequencing`);
        return 0;
      }
      throw e;
    }
  }

  /** Whether this process holds the lease and is draining: its new appends then skip the queue. */
  let leading = false;
  /** The lease as last read while another held it: not read again for `LEASE_REREAD_MS` while it stays live. */
  let leaseSeen: { live: boolean; readAt: number } | undefined;

  /** Writes to the queue this process's appends that were held for its own leader, now that another leads. */
  async function queueLocals(): Promise<void> {
    await mapLimited(
      [...waiting].filter(([, w]) => w.state === 'local'),
      READ_CONCURRENCY,
      async ([id, w]) => {
        w.state = 'queuing';
        try {
          await store.put(queueKey(id), JSON.stringify(w.item), { ifNoneMatch: '*', cacheControl: 'no-store' });
        } catch (e) {
          w.state = 'local'; // tried again on the next round
          throw e;
        }
        w.state = 'queued';
      },
    );
  }

  let driving = false;
  /** While callers of this process wait: read new entries, lead when the lease is free, else back off. */
  async function drive(): Promise<void> {
    if (driving) return;
    driving = true;
    let pause = FIRST_POLL_MS;
    let failures = 0;
    try {
      while (waiting.size) {
        try {
          const led = await tryLead();
          if (led === undefined) await queueLocals();
          await settleWaiting();
          failures = 0;
          if (!waiting.size) break;
          if (led) {
            pause = FIRST_POLL_MS;
            continue; // it wrote entries: more may have been queued meanwhile
          }
        } catch (e) {
          // Failing while it only led for other processes (its own callers all answered): nobody here
          // waits on it, and their items stay queued for the next leader once the lease expires.
          if (!waiting.size) break;
          log(`audit: sequencing failed: ${(e as Error).message}`);
          if (++failures >= MAX_FAILURES) {
            // The items stay queued: the next leader sequences them; these callers learn of the failure now.
            for (const [id, w] of waiting) {
              waiting.delete(id);
              w.reject(e as Error);
            }
            break;
          }
        }
        await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random())));
        pause = Math.min(pause * 2, MAX_POLL_MS);
      }
    } finally {
      driving = false;
    }
    // A caller that queued while this loop was ending.
    if (waiting.size && failures < MAX_FAILURES) void drive();
  }

  async function submit(input: I, recovered?: AuditEntry['recovered']): Promise<AuditEntry> {
    // A lower bound of where its entry will be, known before it is queued.
    if (!known) known = await readHead();
    const since = known.seq;
    const at = now();
    const id = `${String(at).padStart(15, '0')}-${randomUUID()}`;
    const item: QueueItem<I> = { id, queuedAt: new Date(at).toISOString(), input, ...(recovered ? { recovered } : {}) };
    const w = { item, since, state: leading ? 'local' : 'queuing' } as Waiter;
    const done = new Promise<AuditEntry>((resolve, reject) => waiting.set(id, Object.assign(w, { resolve, reject })));
    if (w.state === 'queuing') {
      try {
        await store.put(queueKey(id), JSON.stringify(item), { ifNoneMatch: '*', cacheControl: 'no-store' });
      } catch (e) {
        waiting.delete(id);
        throw e;
      }
      w.state = 'queued';
    }
    void drive();
    return done;
  }

  async function drainQueued(): Promise<number> {
    if (!(await store.list(QUEUE_PREFIX, { max: 1 })).length) return 0;
    return (await tryLead()) ?? 0;
  }

  return { submit, drainQueued, head: readHead };
}
