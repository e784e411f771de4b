/**
 * The append-only audit log: entries are immutable objects `audit/entries/<seq>.json`, each created
 * with `If-None-Match: *`, so no sequence number is ever taken twice. Appends are queued and one
 * sequencer at a time writes them (sequencer.ts), so writers in many processes do not race for each
 * number. A per-clip pointer (`audit/by-clip/<clip>/<seq>`) makes a clip's history one listing. Changes are journalled first (intent.ts) so none goes unrecorded, and
 * the head is sealed (seal.ts) every `sealEvery.entries` entries or `sealEvery.ms`, whichever first.
 * On AWS these objects live in an Object Lock (compliance) bucket; locally in the stand-in's.
 */
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';
import {
  AUDIT_VERSION,
  BY_CLIP_PREFIX,
  LEASE_KEY_OUTSIDE,
  ENTRIES_PREFIX,
  SEALS_PREFIX,
  clipPointerKey,
  entryKey,
  hashEntry,
  sealKey,
  seqOfKey,
  type AuditEntry,
} from './entry.ts';
import { intentKey, newIntentId, probeChange, staleIntents, type IntentProbe, type StoredIntent } from './intent.ts';
import { signSeal, type Seal } from './seal.ts';
import type { SealSigner } from './seal-signer.ts';
import { createSequencer, type QueueItem } from './sequencer.ts';

/** What a caller appends: an entry without what the log itself assigns (sequence, time, chain). */
export type AppendInput = Omit<AuditEntry, 'schemaVersion' | 'seq' | 'at' | 'prevHash' | 'hash' | 'recovered' | 'queueId'>;

/** A journalled change: `commit` appends its entry (with what became known meanwhile), `abandon` says it did not happen. */
export interface Intent {
  commit(known?: Partial<AppendInput>): Promise<AuditEntry>;
  abandon(): Promise<void>;
}

export interface AuditLog {
  append(input: AppendInput): Promise<AuditEntry>;
  /** Journal a change before making it (see intent.ts); `probe` names the object it changes. */
  intend(input: AppendInput, probe?: IntentProbe): Promise<Intent>;
  /** Append the entries of intents older than `olderThanMs` whose writer stopped; returns how many. */
  recover(olderThanMs?: number): Promise<number>;
  /** Seal the current head now (on demand); undefined when there is nothing new to seal or no signer. */
  seal(): Promise<Seal | undefined>;
  /** Seal when `sealEvery.ms` has passed since the last seal and entries came since (a timer calls it). */
  sealIfDue(): Promise<Seal | undefined>;
  /** Entries in order, after sequence `afterSeq`, at most `limit`; only `clipId`'s when given. */
  list(opts: { clipId?: string; afterSeq?: number; limit: number }): Promise<AuditEntry[]>;
  get(seq: number): Promise<AuditEntry | undefined>;
}

export interface AuditLogOptions {
  now?: () => number;
  /** Signs seals; without it the log is chained but not sealed. */
  signer?: SealSigner;
  /** Seal every this many entries or this long after the last seal, whichever first. */
  sealEvery?: { entries: number; ms: number };
  /** The bucket the audited changes are made in (recovery reads probes there). */
  changes?: ObjectStore;
  /** How old an intent must be before recovery treats its writer as stopped (default 5 minutes). */
  recoverAfterMs?: number;
  /**
   * Where the sequencer's lease lives (sequencer.ts): a store outside the Object Lock bucket, which would keep
   * every lease write for years (the stand-in and AWS: the media bucket, under `LEASE_KEY_OUTSIDE`). Default: the audit bucket.
   */
  leases?: ObjectStore;
  leaseKey?: string;
  /** How long the sequencer's lease holds without renewal (default 10 s). */
  leaseMs?: number;
  /** Whether the first append also recovers stale intents (default: when `changes` is given, where probes can be read). */
  recoverOnFirstAppend?: boolean;
  log?: (m: string) => void;
}

export const DEFAULT_SEAL_EVERY = { entries: 100, ms: 60_000 };
export const DEFAULT_RECOVER_AFTER_MS = 5 * 60_000;

export function createAuditLog(store: ObjectStore, opts: AuditLogOptions | (() => number) = {}): AuditLog {
  const o: AuditLogOptions = typeof opts === 'function' ? { now: opts } : opts;
  const now = o.now ?? Date.now;
  const sealEvery = o.sealEvery ?? DEFAULT_SEAL_EVERY;
  const recoverAfterMs = o.recoverAfterMs ?? DEFAULT_RECOVER_AFTER_MS;
  const log = o.log ?? (() => {});
  /** The last seal this process knows of. */
  let lastSeal: { seq: number; atMs: number } | undefined;
  let recoveryStarted = !(o.recoverOnFirstAppend ?? o.changes !== undefined);

  async function get(seq: number): Promise<AuditEntry | undefined> {
    const got = await store.get(entryKey(seq));
    return got ? (JSON.parse(got.body) as AuditEntry) : undefined;
  }

  async function readLastSeal(): Promise<{ seq: number; atMs: number }> {
    let known = lastSeal ?? { seq: 0, atMs: now() };
    for (;;) {
      const keys = await store.list(SEALS_PREFIX, { startAfter: known.seq ? sealKey(known.seq) : undefined, max: 1000 });
      if (!keys.length) break;
      const got = await store.get(keys[keys.length - 1]!);
      if (got) {
        const s = JSON.parse(got.body) as Seal;
        known = { seq: s.seq, atMs: Date.parse(s.at) };
      }
      if (keys.length < 1000) break;
    }
    return known;
  }

  async function sealHead(h: { seq: number; hash: string }): Promise<Seal | undefined> {
    if (!o.signer || h.seq === 0) return undefined;
    const last = lastSeal ?? (lastSeal = await readLastSeal());
    if (last.seq >= h.seq) return undefined;
    const seal = await signSeal(o.signer, { seq: h.seq, headHash: h.hash, at: new Date(now()).toISOString() });
    try {
      await store.put(sealKey(h.seq), JSON.stringify(seal), { ifNoneMatch: '*', cacheControl: 'no-store' });
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e; // another process sealed this same head
    }
    lastSeal = { seq: h.seq, atMs: Date.parse(seal.at) };
    return seal;
  }

  async function sealWhenDue(h: { seq: number; hash: string }, timeOnly: boolean): Promise<Seal | undefined> {
    if (!o.signer) return undefined;
    const last = lastSeal ?? (lastSeal = await readLastSeal());
    const due = (!timeOnly && h.seq - last.seq >= sealEvery.entries) || (h.seq > last.seq && now() - last.atMs >= sealEvery.ms);
    return due ? sealHead(h) : undefined;
  }

  function buildEntry(item: QueueItem<AppendInput>, seq: number, prevHash: string): AuditEntry {
    const input = item.input;
    const unhashed = {
      schemaVersion: AUDIT_VERSION,
      seq,
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
      ...(item.recovered ? { recovered: item.recovered } : {}),
      queueId: item.id,
      prevHash,
    } as const;
    return { ...unhashed, hash: hashEntry(unhashed) };
  }

  const sequencer = createSequencer<AppendInput>({
    store,
    ...(o.leases ? { leases: o.leases, leaseKey: o.leaseKey ?? LEASE_KEY_OUTSIDE } : {}),
    ...(o.leaseMs ? { leaseMs: o.leaseMs } : {}),
    now,
    log,
    build: buildEntry,
    // Another process may have sealed while this one did not lead.
    onLead: async () => {
      lastSeal = await readLastSeal();
    },
    onEntry: async (entry) => {
      await sealWhenDue({ seq: entry.seq, hash: entry.hash }, false);
    },
  });

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

  // Seals asked for outside the sequencer (on demand, by the timer) one at a time per process.
  let sealing: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = sealing.then(fn);
    sealing = run.catch(() => undefined);
    return run;
  };
  const append = (input: AppendInput, recovered?: AuditEntry['recovered']): Promise<AuditEntry> => {
    if (!recoveryStarted) {
      // A process's first append also finishes what a stopped one left journalled (in the background).
      recoveryStarted = true;
      void recover(recoverAfterMs).catch((e: unknown) => log(`audit: recovery failed: ${(e as Error).message}`));
    }
    return sequencer.submit(input, recovered);
  };

  async function intend(input: AppendInput, probe?: IntentProbe): Promise<Intent> {
    const at = now();
    const key = intentKey(at, newIntentId());
    const stored: StoredIntent<AppendInput> = { id: key, intendedAt: new Date(at).toISOString(), input, ...(probe ? { probe } : {}) };
    await store.put(key, JSON.stringify(stored), { ifNoneMatch: '*', cacheControl: 'no-store' });
    return {
      async commit(known = {}) {
        const entry = await append({ ...input, ...known });
        await store.delete(key);
        return entry;
      },
      abandon: () => store.delete(key),
    };
  }

  async function recover(olderThanMs = recoverAfterMs): Promise<number> {
    recoveryStarted = true; // its own appends need not start another
    let appended = 0;
    for (const key of await staleIntents(store, now(), olderThanMs)) {
      // Claimed first, so two recovering processes do not both append it.
      try {
        await store.put(`${key}.recovering`, '', { ifNoneMatch: '*', contentType: 'text/plain' });
      } catch (e) {
        if (e instanceof PreconditionFailed) continue;
        throw e;
      }
      const got = await store.get(key);
      if (got) {
        const intent = JSON.parse(got.body) as StoredIntent<AppendInput>;
        const verdict = await probeChange(o.changes, intent.probe);
        if (verdict !== 'not-happened') {
          await append(intent.input, { intendedAt: intent.intendedAt, confirmed: verdict === 'happened' });
          appended++;
        }
        await store.delete(key);
      }
      await store.delete(`${key}.recovering`);
    }
    // Appends queued by a writer that stopped before any leader ran.
    return appended + (await sequencer.drainQueued());
  }

  return {
    append: (input) => append(input),
    intend,
    recover,
    seal: () => inOrder(async () => sealHead(await sequencer.head())),
    sealIfDue: () => inOrder(async () => sealWhenDue(await sequencer.head(), true)),
    list,
    get,
  };
}
