/**
 * Webhook delivery on the stand-in: N events fanned out to 3 healthy local receivers through the
 * dispatcher (each attempt reads its subscription from the bucket, signs, POSTs, appends to the
 * delivery log and updates the pending files), against a baseline of the same number of signed
 * POSTs sent straight to the same receivers with the same concurrency, in the same run. Then the
 * same events again with a fourth subscription whose target never answers (5 s timeouts): the
 * healthy targets' rate and latency should stay close to the first run (per-target slots).
 * INE_BENCH_EVENTS overrides N (default 200).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  cachedSubscriptionStore,
  createSubscription,
  createWebhookDispatcher,
  filePendingStore,
  s3DeliveryLog,
  s3SubscriptionStore,
  signWebhook,
  WEBHOOK_LIMITS,
  type SubscriptionContext,
} from '../core/events/index.ts';
import { REPO_ROOT } from '../server/config.ts';
import { startStandIn } from '../server/index.ts';
import { serviceS3Client } from '../server/packager/index.ts';

const N = Number(process.env.INE_BENCH_EVENTS ?? 200);
const dataDir = join(REPO_ROOT, '.bench-data', 'webhooks');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, webhooks: false });
const s3 = serviceS3Client(standIn);
const ctx: SubscriptionContext = {
  subscriptions: cachedSubscriptionStore(s3SubscriptionStore(s3, standIn.config.bucket)), // as the stand-in runs it
  deliveryLog: s3DeliveryLog(s3, standIn.config.bucket),
  allowPrivateTargets: true,
};

/** A receiver answering 204 at once, noting when each event arrived. */
async function receiver(hang = false): Promise<{ url: string; arrivals: Map<string, number>; server: Server }> {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Keyed by the clip id the bench put in each event (the baseline numbers its POSTs instead).
      const key =
        (req.headers['x-n'] as string | undefined) ??
        (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { clipId: string } }).data.clipId;
      arrivals.set(key, performance.now());
      if (!hang) res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, arrivals, server };
}

const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const healthy = [await receiver(), await receiver(), await receiver()];
for (const r of healthy) await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.ready'] });

/** Baseline: the same POSTs, signed, straight to the receivers, 2 at a time per target. */
async function baseline(): Promise<number> {
  const body = JSON.stringify({
    id: `evt_${'0'.repeat(32)}`,
    type: 'clip.ready',
    createdAt: new Date().toISOString(),
    data: { clipId: '0'.repeat(32) },
  });
  const t0 = performance.now();
  await Promise.all(
    healthy.map(async (r) => {
      let next = 0;
      const lane = async () => {
        while (next < N) {
          const n = next++;
          await new Promise<void>((resolve, reject) => {
            const req = request(r.url, {
              method: 'POST',
              agent: false,
              headers: {
                'Content-Type': 'application/json',
                'x-n': `b${n}`,
                'INE-Signature': signWebhook(body, ['whsec_x'], Math.floor(Date.now() / 1000)),
              },
            });
            req.on('response', (res) => res.resume().on('end', resolve));
            req.on('error', reject);
            req.end(body);
          });
        }
      };
      await Promise.all(Array.from({ length: WEBHOOK_LIMITS.maxConcurrentPerTarget }, lane));
    }),
  );
  return (3 * N) / ((performance.now() - t0) / 1000);
}

/** N events through the dispatcher; resolves when every healthy receiver has them all. */
async function throughDispatcher(label: string): Promise<{ rate: number; p50: number; p99: number }> {
  const d = createWebhookDispatcher({
    ...ctx,
    pending: filePendingStore(join(dataDir, `pending-${label}`)),
    allowPrivateTargets: true,
    settings: { maxAttempts: 1 },
  });
  const emitted = new Map<string, number>();
  for (const r of healthy) r.arrivals.clear();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const clipId = i.toString(16).padStart(32, '0');
    emitted.set(clipId, performance.now());
    await d.emit('clip.ready', { clipId });
  }
  await new Promise<void>((resolve) => {
    const check = () => (healthy.every((r) => r.arrivals.size >= N) ? resolve() : setTimeout(check, 5));
    check();
  });
  const seconds = (performance.now() - t0) / 1000;
  await d.close();
  // Latency of each event: from its emit to its arrival at the last of the healthy targets.
  const lat = [...emitted].map(([clipId, at]) => Math.max(...healthy.map((r) => r.arrivals.get(clipId)!)) - at);
  return { rate: (3 * N) / seconds, p50: pct(lat, 50), p99: pct(lat, 99) };
}

try {
  const base = await baseline();
  console.log(`${N} events × 3 healthy targets (stand-in ${standIn.urls.s3})`);
  console.log(`direct signed POSTs (baseline)              ${base.toFixed(0).padStart(6)} deliveries/s`);
  const plain = await throughDispatcher('plain');
  console.log(
    `dispatcher                                   ${plain.rate.toFixed(0).padStart(6)} deliveries/s  ${(plain.rate / base).toFixed(2)}× baseline  emit→last target p50 ${plain.p50.toFixed(0)} ms, p99 ${plain.p99.toFixed(0)} ms`,
  );
  const dead = await receiver(true);
  await createSubscription(ctx, 'admin', { url: dead.url, events: ['clip.ready'] });
  const withDead = await throughDispatcher('dead');
  console.log(
    `dispatcher + a target that never answers     ${withDead.rate.toFixed(0).padStart(6)} deliveries/s  ${(withDead.rate / plain.rate).toFixed(2)}× without it  p50 ${withDead.p50.toFixed(0)} ms, p99 ${withDead.p99.toFixed(0)} ms`,
  );
  dead.server.closeAllConnections();
  dead.server.close();
} finally {
  for (const r of healthy) r.server.close();
  s3.destroy();
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
}
