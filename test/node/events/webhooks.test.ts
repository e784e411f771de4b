/**
 * Webhooks end to end against the stand-in's S3 (real AWS SDK) and real local HTTP receivers:
 * subscriptions, signatures, retries with backoff, per-target isolation, restart, delivery log,
 * and bad subscription input.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  CLIP_EVENT_TYPES,
  cachedSubscriptionStore,
  EventsError,
  REPLAY_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  createSubscription,
  createSubscriptionRequestSchema,
  createWebhookDispatcher,
  createdSubscriptionSchema,
  deleteSubscription,
  deliveryLogSchema,
  filePendingStore,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  rotateSubscriptionSecret,
  rotatedSecretSchema,
  s3DeliveryLog,
  s3SubscriptionStore,
  subscriptionListSchema,
  subscriptionSchema,
  verifyWebhookSignature,
  webhookEventSchema,
  type DispatcherOptions,
  type SubscriptionContext,
  type WebhookDispatcher,
} from '../../../core/events/index.ts';
import { waitFor } from '../packager/harness.ts';
import { codeOf, loginCredentials, s3Client, serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const valid = (schema: object, value: unknown) => {
  const v = ajv.compile(schema);
  assert.ok(v(value), JSON.stringify(v.errors));
};

let standIn: TestStandIn;
let s3: S3Client;
let ctx: SubscriptionContext;
let dir: string;
const receivers: Receiver[] = [];
const dispatchers: WebhookDispatcher[] = [];

before(async () => {
  standIn = await testStandIn({ webhooks: false });
  s3 = serviceClient(standIn);
  const bucket = standIn.config.bucket;
  ctx = { subscriptions: s3SubscriptionStore(s3, bucket), deliveryLog: s3DeliveryLog(s3, bucket), allowPrivateTargets: true };
  dir = await mkdtemp(join(tmpdir(), 'ine-webhooks-'));
});

after(async () => {
  await Promise.all(dispatchers.map((d) => d.close()));
  await Promise.all(receivers.map((r) => r.close()));
  s3?.destroy();
  await standIn?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Each test starts with no subscriptions, so events go only where the test says. */
async function clean() {
  for (const s of (await listSubscriptions(ctx)).items) await deleteSubscription(ctx, s.id);
}

async function receiver(...answers: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...answers);
  receivers.push(r);
  return r;
}

let pendingDirs = 0;
function dispatcher(settings: DispatcherOptions['settings'] = {}, extra: Partial<DispatcherOptions> = {}, pendingDir?: string) {
  const d = createWebhookDispatcher({
    subscriptions: ctx.subscriptions,
    deliveryLog: ctx.deliveryLog,
    pending: filePendingStore(pendingDir ?? join(dir, `pending-${pendingDirs++}`)),
    allowPrivateTargets: true,
    settings: { retryBaseMs: 40, attemptTimeoutMs: 2000, ...settings },
    random: () => 0.5, // no jitter: the waits are exactly the schedule
    ...extra,
  });
  dispatchers.push(d);
  return d;
}

const clipId = 'a'.repeat(32);

test('a delivery is the event as JSON, signed so the helper verifies it; the secret is shown only at creation', async () => {
  await clean();
  const r = await receiver();
  const created = await createSubscription(ctx, 'admin', { url: `${r.url}/hooks`, events: ['clip.ready'], description: 'Sistema de Monitoreo' });
  valid(createdSubscriptionSchema, created);
  assert.match(created.secret, /^whsec_/);
  const shown = await getSubscription(ctx, created.id);
  valid(subscriptionSchema, shown);
  assert.equal('secret' in shown, false, 'get never shows the secret');
  const list = await listSubscriptions(ctx);
  valid(subscriptionListSchema, list);
  assert.equal(JSON.stringify(list).includes(created.secret), false, 'list never shows the secret');

  const d = dispatcher();
  await d.emit('clip.ready', { clipId });
  const [got] = await r.waitFor(1);
  await d.idle();
  assert.equal(got.path, '/hooks');
  assert.equal(got.headers['content-type'], 'application/json');
  const event = JSON.parse(got.body);
  valid(webhookEventSchema, event);
  assert.deepEqual(Object.keys(event), ['id', 'type', 'createdAt', 'data']);
  assert.equal(event.type, 'clip.ready');
  assert.deepEqual(event.data, { clipId });
  assert.equal(got.headers['ine-event-id'], event.id);
  assert.equal(got.headers['ine-event-type'], 'clip.ready');
  assert.equal(got.headers['ine-delivery-attempt'], '1');
  const header = got.headers[SIGNATURE_HEADER.toLowerCase()] as string;
  assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.deepEqual(verifyWebhookSignature(header, got.body, created.secret), { ok: true, timestamp: Number(header.slice(2, header.indexOf(','))) });
  // The receiver verifies the raw bytes: the same bytes as a Buffer verify too.
  assert.equal(verifyWebhookSignature(header, Buffer.from(got.body), created.secret).ok, true);
});

test('the helper refuses a tampered body, another secret, an old or future timestamp and a malformed header', async () => {
  await clean();
  const r = await receiver();
  const { secret } = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.failed'] });
  const d = dispatcher();
  await d.emit('clip.failed', { clipId, failureCode: 'checksum-mismatch', failureReason: 'Altered.' });
  const [got] = await r.waitFor(1);
  await d.idle();
  const header = got.headers['ine-signature'] as string;
  const t = Number(/t=(\d+)/.exec(header)![1]) * 1000;
  const check = (h: string | undefined, body: string, s = secret, now = t) => verifyWebhookSignature(h, body, s, now);
  assert.equal(check(header, got.body.replace('checksum-mismatch', 'encoder-failed')).ok, false);
  assert.deepEqual(check(header, got.body.replace('checksum-mismatch', 'encoder-failed')), {
    ok: false,
    reason: 'mismatch',
    message: 'No signature matches the body and the secret.',
  });
  assert.equal((check(header, got.body, 'whsec_another') as { reason: string }).reason, 'mismatch');
  // The same request replayed after the window: refused; just inside it: accepted.
  assert.equal((check(header, got.body, secret, t + (REPLAY_WINDOW_SECONDS + 1) * 1000) as { reason: string }).reason, 'too-old');
  assert.equal(check(header, got.body, secret, t + REPLAY_WINDOW_SECONDS * 1000).ok, true);
  assert.equal((check(header, got.body, secret, t - (REPLAY_WINDOW_SECONDS + 1) * 1000) as { reason: string }).reason, 'too-new');
  // A re-signed header with a moved timestamp does not match the signature of the original one.
  const moved = header.replace(/t=\d+/, `t=${t / 1000 + 60}`);
  assert.equal((check(moved, got.body, secret, t + 60_000) as { reason: string }).reason, 'mismatch');
  for (const bad of [undefined, '', 'v1=abc', `t=${t / 1000}`, `t=soon,v1=${'0'.repeat(64)}`, 'x'.repeat(2000)])
    assert.equal(check(bad, got.body).ok, false, `refused: ${String(bad).slice(0, 30)}`);
});

test('a receiver answering 500 is retried with exponential backoff until it succeeds; the log says each attempt, newest first', async () => {
  await clean();
  const r = await receiver();
  r.answers.push(500, 503);
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.published'] });
  const d = dispatcher({ retryBaseMs: 60 });
  await d.emit('clip.published', { clipId });
  await d.idle();
  const got = await r.waitFor(3);
  assert.equal(got.length, 3, 'nothing after the successful attempt');
  assert.deepEqual(
    got.map((g) => g.headers['ine-delivery-attempt']),
    ['1', '2', '3'],
  );
  assert.equal(new Set(got.map((g) => g.body)).size, 1, 'every attempt sends the same body');
  assert.equal(new Set(got.map((g) => g.headers['ine-event-id'])).size, 1);
  // Waits of base × 2^(n-1) (no jitter here): 60 ms, then 120 ms (timers never fire early by more than a millisecond).
  assert.ok(got[1].at - got[0].at >= 59, `first wait ${got[1].at - got[0].at} ms`);
  assert.ok(got[2].at - got[1].at >= 119, `second wait ${got[2].at - got[1].at} ms`);
  for (const g of got) assert.equal(verifyWebhookSignature(g.headers['ine-signature'] as string, g.body, sub.secret).ok, true);

  const log = await listDeliveries(ctx, sub.id);
  valid(deliveryLogSchema, log);
  assert.deepEqual(
    log.items.map((e) => [e.attempt, e.statusCode, e.outcome]),
    [
      [3, 204, 'delivered'],
      [2, 503, 'retrying'],
      [1, 500, 'retrying'],
    ],
  );
  assert.equal(new Set(log.items.map((e) => e.deliveryId)).size, 1);
  assert.ok(log.items[1].nextAttemptAt && log.items[2].nextAttemptAt, 'a retrying entry says when the next attempt is');
  assert.equal(log.items[0].nextAttemptAt, undefined);
  assert.match(log.items[1].error!, /503/);
  for (const e of log.items) assert.ok(e.durationMs >= 0 && e.eventType === 'clip.published');
});

test('a receiver that always fails gets maxAttempts attempts, then the delivery is given up and nothing stays pending', async () => {
  await clean();
  const r = await receiver(500);
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.deleted'] });
  const pendingDir = join(dir, 'given-up');
  const d = dispatcher({ maxAttempts: 3, retryBaseMs: 10 }, {}, pendingDir);
  await d.emit('clip.deleted', { clipId });
  await d.idle();
  assert.equal(r.received.length, 3);
  const log = await listDeliveries(ctx, sub.id);
  assert.deepEqual(
    log.items.map((e) => e.outcome),
    ['failed', 'retrying', 'retrying'],
  );
  assert.deepEqual(
    (await readdir(pendingDir)).filter((n) => n.endsWith('.json')),
    [],
  );
});

test('a target that never answers does not delay another target: each target has its own slots', async () => {
  await clean();
  const slow = await receiver('hang');
  const fast = await receiver(200);
  const slowSub = await createSubscription(ctx, 'admin', { url: slow.url, events: ['clip.ready'] });
  const fastSub = await createSubscription(ctx, 'admin', { url: fast.url, events: ['clip.ready'] });
  const d = dispatcher({ maxAttempts: 1, attemptTimeoutMs: 3000, maxConcurrent: 4, maxConcurrentPerTarget: 2 });
  // More events than the slow target has slots: its backlog waits while the fast target's goes.
  for (let i = 0; i < 4; i++) await d.emit('clip.ready', { clipId: i.toString(16).repeat(32) });
  await fast.waitFor(4);
  // Every event reached the fast target while the slow one's first attempts were still hanging.
  assert.equal((await listDeliveries(ctx, slowSub.id)).items.length, 0, 'no slow attempt had finished yet');
  assert.ok(slow.open() <= 2, `at most 2 open requests to one target (saw ${slow.open()})`);
  await d.idle();
  const slowLog = await listDeliveries(ctx, slowSub.id);
  assert.equal(slowLog.items.length, 4);
  for (const e of slowLog.items) {
    assert.equal(e.outcome, 'failed');
    assert.match(e.error!, /timed out after 3000 ms/);
  }
  assert.deepEqual(
    (await listDeliveries(ctx, fastSub.id)).items.map((e) => e.outcome),
    Array(4).fill('delivered'),
  );
});

test('a restart resumes deliveries cut off mid-attempt: same event, same body, signed anew', async () => {
  await clean();
  const r = await receiver(200);
  r.answers.push('hang');
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.unpublished'] });
  const pendingDir = join(dir, 'restart');
  const first = dispatcher({}, {}, pendingDir);
  await first.emit('clip.unpublished', { clipId });
  const [cut] = await r.waitFor(1);
  await first.close(); // as a stop mid-attempt: the delivery stays saved
  assert.equal((await readdir(pendingDir)).filter((n) => n.endsWith('.json')).length, 1);
  assert.equal((await listDeliveries(ctx, sub.id)).items.length, 0, 'an abandoned attempt is not logged');

  const second = dispatcher({}, {}, pendingDir);
  assert.equal(await second.resume(), 1);
  const [, again] = await r.waitFor(2);
  await second.idle();
  assert.equal(again.body, cut.body);
  assert.equal(again.headers['ine-event-id'], cut.headers['ine-event-id']);
  assert.equal(verifyWebhookSignature(again.headers['ine-signature'] as string, again.body, sub.secret).ok, true);
  assert.deepEqual(
    (await listDeliveries(ctx, sub.id)).items.map((e) => [e.attempt, e.outcome]),
    [[1, 'delivered']],
  );
  assert.deepEqual(
    (await readdir(pendingDir)).filter((n) => n.endsWith('.json')),
    [],
  );
});

test('a restart also resumes a delivery waiting for its retry, at the time it was due', async () => {
  await clean();
  const r = await receiver(200);
  r.answers.push(500);
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.ready'] });
  const pendingDir = join(dir, 'restart-retry');
  const first = dispatcher({ retryBaseMs: 3_600_000 }, {}, pendingDir);
  await first.emit('clip.ready', { clipId });
  await r.waitFor(1);
  // The failed attempt is logged with its retry an hour away; the dispatcher stops meanwhile.
  const failed = await waitFor('the failed attempt in the log', async () => (await listDeliveries(ctx, sub.id)).items[0]);
  assert.equal(failed.outcome, 'retrying');
  await first.close();
  // Started again two hours later: the retry is overdue, so it goes at once.
  const second = dispatcher({}, { now: () => Date.now() + 2 * 3_600_000 - 60_000 }, pendingDir);
  assert.equal(await second.resume(), 1);
  await r.waitFor(2);
  await second.idle();
  assert.deepEqual(
    (await listDeliveries(ctx, sub.id)).items.map((e) => [e.attempt, e.outcome]),
    [
      [2, 'delivered'],
      [1, 'retrying'],
    ],
  );
});

test('an event is accepted while the bucket is unreachable, and fanned out to its subscriptions once it is back', async () => {
  await clean();
  const r = await receiver(200);
  await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.ready'] });
  let failures = 2;
  const flaky = {
    ...ctx.subscriptions,
    list: async () => {
      if (failures-- > 0) throw new Error('connect ECONNREFUSED (the bucket)');
      return ctx.subscriptions.list();
    },
  };
  const logs: string[] = [];
  const d = dispatcher({ retryBaseMs: 20 }, { subscriptions: flaky, log: (m) => logs.push(m) });
  await d.emit('clip.ready', { clipId }); // resolves: only the local disk was needed
  const [got] = await r.waitFor(1);
  await d.idle();
  assert.equal(JSON.parse(got.body).data.clipId, clipId);
  assert.equal(logs.filter((l) => /ECONNREFUSED/.test(l)).length, 2, 'each failed fan-out was logged and retried');
  assert.equal(r.received.length, 1, 'delivered once');
});

test('a fan-out that fails halfway is retried without losing or repeating a delivery', async () => {
  await clean();
  const a = await receiver(200);
  const b = await receiver(200);
  await createSubscription(ctx, 'admin', { url: a.url, events: ['clip.deleted'] });
  await createSubscription(ctx, 'admin', { url: b.url, events: ['clip.deleted'] });
  const pendingDir = join(dir, 'fan-out-retry');
  const disk = filePendingStore(pendingDir);
  let createFailures = 1;
  let removeFailures = 1;
  const fanOuts = new Set<string>();
  const flakyDisk = {
    ...disk,
    save: async (d: Parameters<typeof disk.save>[0]) => {
      if (d.subscriptionId === '*') fanOuts.add(d.id); // the event, before its fan-out
      return disk.save(d);
    },
    // The second delivery's file fails once (a full disk), then the fan-out's removal fails once.
    create: async (d: Parameters<typeof disk.create>[0]) => {
      if (createFailures-- === 0) throw new Error('ENOSPC: no space left on device');
      return disk.create(d);
    },
    remove: async (id: string) => {
      if (fanOuts.has(id) && removeFailures > 0 && createFailures < 0) {
        removeFailures--;
        throw new Error('EIO: i/o error');
      }
      return disk.remove(id);
    },
  };
  const d = dispatcher({ retryBaseMs: 20 }, { pending: flakyDisk });
  await d.emit('clip.deleted', { clipId });
  await d.idle();
  assert.ok(createFailures < 0 && removeFailures === 0, 'both failures happened');
  assert.equal(a.received.length, 1);
  assert.equal(b.received.length, 1);
  assert.equal(a.received[0].body, b.received[0].body);
  assert.deepEqual(
    (await readdir(pendingDir)).filter((n) => n.endsWith('.json')),
    [],
  );
});

test('only subscribed event types are delivered; a redirect is not followed; a endless answer body is not read to its end', async () => {
  await clean();
  const elsewhere = await receiver(200);
  const redirecting = await receiver({ status: 302, location: `${elsewhere.url}/moved` });
  const endless = await receiver('stream');
  const publishedOnly = await receiver(200);
  const redirectSub = await createSubscription(ctx, 'admin', { url: redirecting.url, events: ['clip.ready'] });
  const endlessSub = await createSubscription(ctx, 'admin', { url: endless.url, events: ['clip.ready'] });
  await createSubscription(ctx, 'admin', { url: publishedOnly.url, events: ['clip.published'] });
  const d = dispatcher({ maxAttempts: 1, attemptTimeoutMs: 4000 });
  await d.emit('clip.ready', { clipId });
  await d.idle();
  assert.equal(publishedOnly.received.length, 0);
  assert.equal(elsewhere.received.length, 0, 'the redirect target was never called');
  const [redirect] = (await listDeliveries(ctx, redirectSub.id)).items;
  assert.equal(redirect.statusCode, 302);
  assert.equal(redirect.outcome, 'failed');
  assert.match(redirect.error!, /redirect .* not followed/);
  const [streamed] = (await listDeliveries(ctx, endlessSub.id)).items;
  assert.equal(streamed.outcome, 'delivered', 'the 200 counts; the body is read only up to the cap');
});

test('private targets: refused at creation and at delivery where not allowed (AWS), allowed locally', async () => {
  await clean();
  const awsCtx = { ...ctx, allowPrivateTargets: false };
  for (const url of [
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://LOCALHOST./hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[fd00::1]/hook',
  ]) {
    await assert.rejects(createSubscription(awsCtx, 'admin', { url, events: ['clip.ready'] }), (e: EventsError) => {
      assert.equal(e.status, 400);
      assert.deepEqual(
        e.errors.map((p) => p.pointer),
        ['/url'],
      );
      assert.match(e.errors[0].detail, /private network/);
      return true;
    });
  }
  assert.equal(
    (await createSubscription(awsCtx, 'admin', { url: 'https://hooks.example.org/ine', events: ['clip.ready'] })).url,
    'https://hooks.example.org/ine',
  );
  await clean();

  // A subscription made where private targets are allowed, delivered by a dispatcher where they are not.
  const r = await receiver(200);
  const literal = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.ready'] });
  const named = await createSubscription(ctx, 'admin', { url: r.url.replace('127.0.0.1', 'localhost'), events: ['clip.ready'] });
  const d = dispatcher({ maxAttempts: 1 }, { allowPrivateTargets: false });
  await d.emit('clip.ready', { clipId });
  await d.idle();
  assert.equal(r.received.length, 0, 'nothing reached the private address');
  assert.match((await listDeliveries(ctx, literal.id)).items[0].error!, /private address/);
  assert.match((await listDeliveries(ctx, named.id)).items[0].error!, /private address/);
});

test('rotating the secret: shown once; both secrets sign during the grace period; deleting drops pending deliveries', async () => {
  await clean();
  const r = await receiver(200);
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.ready', 'clip.failed'] });
  const rotated = await rotateSubscriptionSecret(ctx, sub.id);
  valid(rotatedSecretSchema, rotated);
  assert.notEqual(rotated.secret, sub.secret);
  assert.ok((await getSubscription(ctx, sub.id)).secretRotatedAt);
  const d = dispatcher();
  await d.emit('clip.ready', { clipId });
  const [got] = await r.waitFor(1);
  await d.idle();
  const header = got.headers['ine-signature'] as string;
  assert.equal(header.split(',').length, 3, 't and two v1 values');
  assert.equal(verifyWebhookSignature(header, got.body, rotated.secret).ok, true, 'the new secret verifies');
  assert.equal(verifyWebhookSignature(header, got.body, sub.secret).ok, true, 'the old one still does, during the grace period');

  r.fallback = 500;
  const slowRetries = dispatcher({ retryBaseMs: 50, maxAttempts: 6 });
  await slowRetries.emit('clip.failed', { clipId, failureCode: 'timed-out', failureReason: 'Too slow.' });
  await r.waitFor(2);
  await deleteSubscription(ctx, sub.id);
  await slowRetries.idle();
  assert.ok(r.received.length <= 3, 'no attempt after the subscription is gone (one may have been in flight)');
  await assert.rejects(getSubscription(ctx, sub.id), (e: EventsError) => e.status === 404 && e.code === 'subscription-not-found');
  await assert.rejects(listDeliveries(ctx, sub.id), (e: EventsError) => e.status === 404);
  await assert.rejects(deleteSubscription(ctx, sub.id), (e: EventsError) => e.status === 404);
  await assert.rejects(rotateSubscriptionSecret(ctx, sub.id), (e: EventsError) => e.status === 404);
  await assert.rejects(getSubscription(ctx, '../../catalog/index'), (e: EventsError) => e.status === 404);
});

test('the delivery log keeps only the newest entries, newest first', async () => {
  await clean();
  const sub = await createSubscription(ctx, 'admin', { url: 'http://127.0.0.1:9/x', events: ['clip.ready'] });
  const log = s3DeliveryLog(s3, standIn.config.bucket, 3);
  for (let i = 1; i <= 5; i++)
    await log.append(sub.id, {
      deliveryId: `dlv_${String(i).repeat(32)}`,
      eventId: `evt_${String(i).repeat(32)}`,
      eventType: 'clip.ready',
      attempt: 1,
      at: new Date().toISOString(),
      durationMs: i,
      outcome: 'delivered',
    });
  assert.deepEqual(
    (await log.list(sub.id)).map((e) => e.durationMs),
    [5, 4, 3],
  );
});

test('subscriptions and delivery logs are private: an admin identity can neither read nor write them in the bucket', async () => {
  await clean();
  const sub = await createSubscription(ctx, 'admin', { url: 'https://hooks.example.org/x', events: ['clip.ready'] });
  await ctx.deliveryLog.append(sub.id, {
    deliveryId: `dlv_${'1'.repeat(32)}`,
    eventId: `evt_${'1'.repeat(32)}`,
    eventType: 'clip.ready',
    attempt: 1,
    at: new Date().toISOString(),
    durationMs: 1,
    outcome: 'delivered',
  });
  const { credentials } = await loginCredentials(standIn, 'admin');
  const admin = s3Client(standIn, credentials);
  try {
    const bucket = standIn.config.bucket;
    for (const key of [`api/subscriptions/${sub.id}.json`, `api/webhook-deliveries/${sub.id}.json`]) {
      assert.equal(await codeOf(admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }))), 'AccessDenied', key);
      assert.equal(await codeOf(admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}' }))), 'AccessDenied', key);
    }
  } finally {
    admin.destroy();
  }
});

test("the cached store (as the stand-in runs it) sees its own changes at once and other writers' within its time to live", async () => {
  await clean();
  let clock = 1_000_000;
  const cached = cachedSubscriptionStore(ctx.subscriptions, 1000, () => clock);
  const viaCache = { ...ctx, subscriptions: cached };
  assert.deepEqual(await cached.list(), []);
  const mine = await createSubscription(viaCache, 'admin', { url: 'https://a.example/h', events: ['clip.ready'] });
  assert.deepEqual(
    (await cached.list()).map((x) => x.id),
    [mine.id],
    'a subscription created through it is listed at once',
  );
  const theirs = await createSubscription(ctx, 'admin', { url: 'https://b.example/h', events: ['clip.ready'] }); // another process
  assert.equal((await cached.list()).length, 1, 'another writer’s change is not seen yet');
  clock += 1000;
  assert.deepEqual((await cached.list()).map((x) => x.id).sort(), [mine.id, theirs.id].sort(), 'after the time to live it is');
  await deleteSubscription(viaCache, theirs.id);
  assert.equal(await cached.get(theirs.id), undefined, 'a deletion through it is seen at once');
  const rotated = await rotateSubscriptionSecret(viaCache, mine.id);
  assert.equal((await cached.get(mine.id))?.secret, rotated.secret);
});

test('bad subscription input is refused with one clear problem per field, and nothing is stored', async () => {
  await clean();
  const validator = ajv.compile(createSubscriptionRequestSchema);
  const cases: [unknown, string[]][] = [
    [null, ['']],
    [[], ['']],
    ['https://x.example', ['']],
    [{}, ['/url', '/events']],
    [{ url: 'https://x.example', events: ['clip.ready'], secret: 'mine' }, ['/secret']],
    [{ url: 42, events: ['clip.ready'] }, ['/url']],
    [{ url: 'ftp://x.example/hook', events: ['clip.ready'] }, ['/url']],
    [{ url: 'javascript:alert(1)', events: ['clip.ready'] }, ['/url']],
    [{ url: 'file:///etc/passwd', events: ['clip.ready'] }, ['/url']],
    [{ url: 'https://user:pw@x.example/hook', events: ['clip.ready'] }, ['/url']],
    [{ url: 'not a url', events: ['clip.ready'] }, ['/url']],
    [{ url: `https://x.example/${'a'.repeat(2100)}`, events: ['clip.ready'] }, ['/url']],
    [{ url: 'https://x.example', events: [] }, ['/events']],
    [{ url: 'https://x.example', events: 'clip.ready' }, ['/events']],
    [{ url: 'https://x.example', events: ['clip.ready', 'clip.exploded'] }, ['/events/1']],
    [{ url: 'https://x.example', events: ['clip.ready', 'clip.ready'] }, ['/events/1']],
    [{ url: 'https://x.example', events: ['clip.ready'], description: 'x'.repeat(501) }, ['/description']],
    [{ url: 'https://x.example', events: ['clip.ready'], description: 7 }, ['/description']],
  ];
  for (const [body, pointers] of cases) {
    await assert.rejects(createSubscription(ctx, 'admin', body), (e: EventsError) => {
      assert.ok(e instanceof EventsError, String(e));
      assert.equal(e.status, 400);
      assert.equal(e.code, 'invalid-subscription');
      assert.deepEqual(
        e.errors.map((p) => p.pointer),
        pointers,
        JSON.stringify(body).slice(0, 80),
      );
      for (const p of e.errors) assert.ok(p.detail.length > 5, 'each problem says what is wrong');
      return true;
    });
    // The request schema the router validates with refuses the same bodies (the ones it can express).
    if (!JSON.stringify(body ?? '').includes('user:pw')) assert.equal(validator(body), false, `schema refuses ${JSON.stringify(body).slice(0, 80)}`);
  }
  assert.deepEqual((await listSubscriptions(ctx)).items, [], 'nothing was created');
  const good = { url: 'https://x.example/hook?k=1', events: [...CLIP_EVENT_TYPES], description: '<b>Monitoreo</b> «noticias»' };
  assert.equal(validator(good), true);
  const created = await createSubscription(ctx, 'admin', good);
  assert.equal(created.description, good.description, 'text is stored as text');
});
