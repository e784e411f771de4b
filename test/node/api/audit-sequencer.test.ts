/**
 * The audit sequencer: many separate writers (one log each, as separate processes or Lambda instances)
 * append at once and none gives up, none is lost or sequenced twice; a leader that stalls past its
 * lease cannot fork or duplicate the chain; an append whose writer stopped after queuing is sequenced
 * by the next append or by recovery. Real AWS SDK against the stand-in's Object Lock audit bucket.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import {
  LEASE_KEY_OUTSIDE,
  QUEUE_PREFIX,
  createAuditLog,
  entryKey,
  verifyAuditLog,
  type AppendInput,
  type AuditEntry,
  type AuditLog,
} from '../../../core/audit/index.ts';
import type { ObjectStore } from '../../../core/storage/object-store.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';
import { auditBucketFor } from '../../../server/audit.ts';

/** A promise and its resolver. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('audit sequencer', () => {
  let bed: ApiTestBed;
  before(async () => {
    bed = await apiTestBed();
  });
  after(() => bed.cleanup());
  const store = () => s3ObjectStore(bed.s3, auditBucketFor(bed.standIn.config.bucket));
  const media = () => s3ObjectStore(bed.s3, bed.standIn.config.bucket);
  const jwks = () => bed.standIn.audit.signer.jwks();
  const input = (label: string): AppendInput => ({
    actor: { sub: 'test', role: 'admin' },
    action: 'clip.update',
    clipId: `${'5'.repeat(30)}${label.length.toString(16).padStart(2, '0')}`,
    before: null,
    after: { label },
  });
  /** Every entry now in the chain, in order. */
  async function entries(): Promise<AuditEntry[]> {
    const s = store();
    const out: AuditEntry[] = [];
    for (const k of await s.list('audit/entries/')) out.push(JSON.parse((await s.get(k))!.body) as AuditEntry);
    return out;
  }
  const labels = (es: AuditEntry[]) => es.map((e) => (e.after as { label?: string } | null)?.label).filter((l): l is string => !!l);
  const log = (s: ObjectStore = store(), extra: Parameters<typeof createAuditLog>[1] & object = {}): AuditLog =>
    createAuditLog(s, {
      leases: media(),
      signer: bed.standIn.audit.signer,
      sealEvery: { entries: 50, ms: 60_000 },
      ...(process.env.INE_DEBUG_AUDIT ? { log: (m: string) => console.error(m) } : {}),
      ...extra,
    });

  it('20 separate writers appending 10 entries each at once: none gives up, none lost or twice, chain and seals verify', async () => {
    const writers = Array.from({ length: 20 }, () => log());
    const written = await Promise.all(
      writers.map(async (w, n) => {
        const mine: AuditEntry[] = [];
        for (let i = 0; i < 10; i++) mine.push(await w.append(input(`w${n}-${i}`)));
        return mine;
      }),
    );
    const all = await entries();
    const got = labels(all).filter((l) => /^w\d+-\d+$/.test(l));
    assert.equal(got.length, 200);
    assert.equal(new Set(got).size, 200, 'no entry twice');
    // Each caller was answered with its own entry, as stored.
    for (const e of written.flat()) assert.equal(all[e.seq - 1]!.hash, e.hash);
    // Read-your-writes: each entry's clip pointer exists once it is answered.
    const e = written[7]![9]!;
    assert.ok(await store().get(`audit/by-clip/${e.clipId}/${String(e.seq).padStart(12, '0')}`));
    assert.deepEqual(await store().list(QUEUE_PREFIX), [], 'the queue is drained');
    const verdict = await verifyAuditLog(store(), await jwks());
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.ok(verdict.seals!.ok && verdict.seals!.count >= 4, JSON.stringify(verdict.seals));
    // The lease lives in the media bucket, released.
    assert.equal(JSON.parse((await media().get(LEASE_KEY_OUTSIDE))!.body).released, true);
  });

  it('a leader stalled past its lease wakes and writes first: the next leader skips that item, the chain stays linear', async () => {
    const base = store();
    const aStalled = gate();
    const aResume = gate();
    const aWrote = gate();
    const bLeads = gate();
    let aStalls = true;
    // A: its first entry write stalls (a frozen process) until told to go on.
    const aStore: ObjectStore = {
      ...base,
      async put(key, body, opts) {
        if (aStalls && key.startsWith('audit/entries/')) {
          aStalls = false;
          aStalled.open();
          await aResume.opened;
          try {
            return await base.put(key, body, opts);
          } finally {
            aWrote.open();
          }
        }
        return base.put(key, body, opts);
      },
    };
    // B: its first entry write waits until A's late write landed.
    let bWaits = true;
    const bStore: ObjectStore = {
      ...base,
      async put(key, body, opts) {
        if (bWaits && key.startsWith('audit/entries/')) {
          bWaits = false;
          bLeads.open();
          await aWrote.opened;
        }
        return base.put(key, body, opts);
      },
    };
    const a = log(aStore, { leaseMs: 300 });
    const b = log(bStore, { leaseMs: 300 });
    const x = a.append(input('stall-x'));
    await aStalled.opened;
    // A holds the lease and is frozen; B's appends wait for it to expire, then B leads.
    const yz = Promise.all([b.append(input('stall-y')), b.append(input('stall-z'))]);
    await bLeads.opened;
    aResume.open();
    const [ex, [ey, ez]] = await Promise.all([x, yz]);
    const all = await entries();
    const stalled = all.filter((e) => labels([e])[0]?.startsWith('stall-'));
    assert.deepEqual(labels(stalled).sort(), ['stall-x', 'stall-y', 'stall-z'], 'each once');
    assert.equal(ex.seq + 1, Math.min(ey.seq, ez.seq), 'A’s late write is the one B chained after');
    const verdict = await verifyAuditLog(store(), await jwks());
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.deepEqual(await store().list(QUEUE_PREFIX), []);
  });

  it('a leader stalled past its lease wakes after another took over: its late write is refused, nothing twice', async () => {
    const base = store();
    const aStalled = gate();
    const aResume = gate();
    let aStalls = true;
    const aStore: ObjectStore = {
      ...base,
      async put(key, body, opts) {
        if (aStalls && key.startsWith('audit/entries/')) {
          aStalls = false;
          aStalled.open();
          await aResume.opened;
        }
        return base.put(key, body, opts);
      },
    };
    const a = log(aStore, { leaseMs: 300 });
    const b = log(store(), { leaseMs: 300 });
    const x = a.append(input('late-x'));
    await aStalled.opened;
    const [ey, ez] = await Promise.all([b.append(input('late-y')), b.append(input('late-z'))]);
    aResume.open();
    const ex = await x;
    const all = await entries();
    assert.deepEqual(labels(all.filter((e) => labels([e])[0]?.startsWith('late-'))).sort(), ['late-x', 'late-y', 'late-z']);
    // B sequenced A's queued item too (it was first in the queue); A was answered with that entry.
    assert.ok(ex.seq < ey.seq && ex.seq < ez.seq);
    assert.equal(all[ex.seq - 1]!.hash, ex.hash);
    const verdict = await verifyAuditLog(store(), await jwks());
    assert.ok(verdict.ok, JSON.stringify(verdict));
  });

  it('an append whose writer stopped after queuing it is sequenced by recovery, once', async () => {
    const base = media();
    // The writer "stops" right after queuing: it never reaches the lease.
    const dead: ObjectStore = {
      ...base,
      get: () => Promise.reject(new Error('process stopped')),
    };
    const writer = createAuditLog(store(), { leases: dead, leaseKey: LEASE_KEY_OUTSIDE });
    await assert.rejects(writer.append(input('queued-then-stopped')), /process stopped/);
    assert.equal((await store().list(QUEUE_PREFIX)).length, 1, 'left queued');
    const later = log();
    assert.ok((await later.recover()) >= 1);
    const found = (await entries()).filter((e) => labels([e])[0] === 'queued-then-stopped');
    assert.equal(found.length, 1);
    assert.ok(await store().get(entryKey(found[0]!.seq)));
    assert.deepEqual(await store().list(QUEUE_PREFIX), []);
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);
  });

  it('verification names an entry sequenced twice', async () => {
    const { verifyEntries, hashEntry, GENESIS_HASH } = await import('../../../core/audit/index.ts');
    const mk = (seq: number, prevHash: string): AuditEntry => {
      const u = { schemaVersion: 1 as const, seq, at: new Date(0).toISOString(), ...input('dup'), queueId: 'same', prevHash };
      return { ...u, hash: hashEntry(u) };
    };
    const one = mk(1, GENESIS_HASH);
    const two = mk(2, one.hash);
    const verdict = verifyEntries([
      { seqFromKey: 1, entry: one },
      { seqFromKey: 2, entry: two },
    ]);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.reason, !verdict.ok && verdict.brokenSeq], [false, 'duplicate', 2]);
  });
});
