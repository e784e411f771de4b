/**
 * Audit append throughput on the stand-in, into its Object Lock audit bucket: N entries appended by
 * 20 concurrent writers, as a ratio to a baseline measured in the same run: the same number of
 * plain `If-None-Match: *` puts of entry-sized objects to distinct keys by 20 concurrent writers (what
 * an append costs at least, without the chain). Two shapes of writers, both through the sequencer
 * (core/audit/sequencer.ts: appends queued, one lease holder writes the chain):
 *   - one process: one log with 20 concurrent callers (the stand-in's case);
 *   - 20 processes' worth: 20 separate logs, as 20 Lambda instances would be, each queuing its appends
 *     and taking the lease in turn; an append that fails is counted (it should be none).
 * Both with seals every 100 entries (the default). The chain and every seal are verified at the end.
 * INE_BENCH_ENTRIES overrides N (default 400); INE_BENCH_SEPARATE_ENTRIES the separate writers' run (default 200).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createAuditLog, verifyAuditLog, type AppendInput } from '../core/audit/index.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { REPO_ROOT } from '../server/config.ts';
import { startStandIn } from '../server/index.ts';
import { serviceS3Client } from '../server/packager/index.ts';

const N = Number(process.env.INE_BENCH_ENTRIES ?? 400);
const WRITERS = 20;
/** Entries of the separate writers' run. */
const SEPARATE = Number(process.env.INE_BENCH_SEPARATE_ENTRIES ?? 200);
const dataDir = join(REPO_ROOT, '.bench-data', 'audit');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, webhooks: false, indexer: false });
const s3 = serviceS3Client(standIn);
const store = s3ObjectStore(s3, standIn.audit.bucket);
/** The sequencer's lease, in the media bucket as the stand-in and AWS keep it. */
const leases = s3ObjectStore(s3, standIn.config.bucket);
const signer = standIn.audit.signer;

/** An edit-sized entry: a record's metadata before and after. */
const input = (i: number): AppendInput => ({
  actor: { sub: `admin-${i % 7}`, role: 'admin' },
  action: 'clip.update',
  clipId: (i % 50).toString(16).padStart(32, '0'),
  before: { metadata: { title: `Nota ${i}`, outlet: 'Canal Once', tags: ['debate', 'veda'] }, published: false },
  after: { metadata: { title: `Nota editada ${i}`, outlet: 'Canal Once', tags: ['debate', 'veda', 'ine'] }, published: true },
});

/** Runs `n` jobs with `WRITERS` at a time, each writer taking the next job; returns jobs per second. */
async function rate(n: number, job: (i: number, writer: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = next++; i < n; i = next++) await job(i, w);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

try {
  const body = JSON.stringify({ ...input(0), seq: 1, at: new Date().toISOString(), prevHash: '0'.repeat(64), hash: '0'.repeat(64) });
  const base = await rate(N, (i) => store.put(`bench/plain/${i}.json`, body, { ifNoneMatch: '*' }));
  console.log(`${N} entries, ${WRITERS} concurrent writers, into the Object Lock audit bucket (stand-in ${standIn.urls.s3})`);
  console.log(`plain If-None-Match puts (baseline)             ${base.toFixed(0).padStart(6)} objects/s`);

  const one = createAuditLog(store, { signer, leases });
  const shared = await rate(N, (i) => one.append(input(i)));
  console.log(`audit append, one process, 20 concurrent calls  ${shared.toFixed(1).padStart(6)} entries/s  ${(shared / base).toFixed(2)}× baseline`);

  // An append that fails is counted, not fatal (its item stays queued; the next leader sequences it).
  const logs = Array.from({ length: WRITERS }, () => createAuditLog(store, { signer, leases }));
  let gaveUp = 0;
  const separate = await rate(SEPARATE, (i, w) => logs[w]!.append(input(i)).catch(() => gaveUp++));
  console.log(
    `audit append, 20 separate writers (processes)   ${separate.toFixed(1).padStart(6)} entries/s  ${(separate / base).toFixed(2)}× baseline  (${SEPARATE} entries, ${gaveUp} gave up)`,
  );
  if (gaveUp) await createAuditLog(store, { signer, leases }).recover(0);

  const verdict = await verifyAuditLog(store, await signer.jwks());
  if (!verdict.ok || verdict.chain.count !== N + SEPARATE) throw new Error(`the chain does not hold after the bench: ${JSON.stringify(verdict)}`);
  console.log(`verified: ${verdict.chain.count} entries chained, ${verdict.seals?.ok ? verdict.seals.count : 0} seals valid`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${cpus().length} cores)`,
  );
} finally {
  s3.destroy();
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
}
