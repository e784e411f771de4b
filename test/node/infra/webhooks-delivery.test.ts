/**
 * Webhooks on AWS, the delivery Lambda: the handler runs for real against the stand-in's S3 (real
 * AWS SDK: subscriptions and delivery logs) and a real local HTTP receiver that verifies every
 * signature. SQS cannot run here: `MemorySqs` stands in for it, honouring DelaySeconds (0–900),
 * visibility timeouts, batch item failures and the dead-letter queue's maxReceiveCount, on a virtual
 * clock, so an hour of backoff runs in milliseconds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  WEBHOOK_LIMITS,
  createSubscription,
  deleteSubscription,
  listDeliveries,
  listSubscriptions,
  queuedEventSink,
  s3DeliveryLog,
  s3SubscriptionStore,
  verifyWebhookSignature,
  type PendingDelivery,
  type SubscriptionContext,
} from '../../../core/events/index.ts';
import { createDeliveryHandler } from '../../../infra/webhooks/delivery-lambda.ts';
import { SQS_MAX_DELAY_SECONDS, sqsPendingQueue } from '../../../infra/webhooks/sqs-pending-queue.ts';
import { WEBHOOK_QUEUE } from '../../../infra/webhooks/queue-settings.ts';
import { startReceiver, type Receiver } from '../events/receiver.ts';
import { serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';
import { MemorySqs } from './memory-sqs.ts';

let standIn: TestStandIn;
let s3: S3Client;
let ctx: SubscriptionContext;
const receivers: Receiver[] = [];
const clipId = 'b'.repeat(32);
const sec = 1000;

before(async () => {
  standIn = await testStandIn({ webhooks: false });
  s3 = serviceClient(standIn);
  const bucket = standIn.config.bucket;
  ctx = { subscriptions: s3SubscriptionStore(s3, bucket), deliveryLog: s3DeliveryLog(s3, bucket), allowPrivateTargets: true };
});

after(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  s3?.destroy();
  await standIn?.cleanup();
});

async function clean() {
  for (const s of (await listSubscriptions(ctx)).items) await deleteSubscription(ctx, s.id);
}

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** The queue with the stack's own settings, the handler on its clock, and the sink the API and packaging Lambdas use. */
function aws(settings: Parameters<typeof createDeliveryHandler>[0]['settings'] = {}) {
  const sqs = new MemorySqs(Date.now(), {
    visibilityTimeoutSeconds: WEBHOOK_QUEUE.visibilityTimeoutSeconds,
    maxReceiveCount: WEBHOOK_QUEUE.maxReceiveCount,
    batchSize: WEBHOOK_QUEUE.batchSize,
  });
  const logs: string[] = [];
  const handler = createDeliveryHandler({
    s3,
    bucket: standIn.config.bucket,
    sqs,
    queueUrl: sqs.queueUrl,
    allowPrivateTargets: true, // the receiver is local; AWS refuses private targets
    settings: { attemptTimeoutMs: 2000, ...settings },
    now: () => sqs.now,
    random: () => 0.5, // no jitter: the waits are exactly the schedule
    log: (m) => logs.push(m),
  });
  const sink = queuedEventSink(
    sqsPendingQueue(sqs, sqs.queueUrl, () => sqs.now),
    () => sqs.now,
  );
  return { sqs, handler, sink, logs };
}

const parsed = (body: string) => JSON.parse(body) as PendingDelivery;

test('an event fans out to each matching subscription; a receiver failing 4 times is retried with the backoff as DelaySeconds (15-minute hops for longer waits), then delivered', async () => {
  await clean();
  const r = await receiver();
  r.answers.push(500, 502, 503, 500);
  const other = await receiver();
  const sub = await createSubscription(ctx, 'admin', { url: `${r.url}/hooks`, events: ['clip.ready', 'clip.failed'] });
  await createSubscription(ctx, 'admin', { url: other.url, events: ['clip.published'] });
  const { sqs, handler, sink } = aws();

  await sink.emit('clip.ready', { clipId });
  assert.equal(sqs.messages.length, 1, 'the emitter queues one fan-out message and nothing else');
  assert.equal(parsed(sqs.messages[0].body).subscriptionId, '*');
  const runs = await sqs.drain(handler);

  assert.equal(r.received.length, 5);
  assert.equal(other.received.length, 0, 'a subscription to other types gets nothing');
  assert.deepEqual(
    r.received.map((g) => g.headers['ine-delivery-attempt']),
    ['1', '2', '3', '4', '5'],
  );
  assert.equal(new Set(r.received.map((g) => g.body)).size, 1, 'every attempt sends the same body');
  assert.deepEqual(JSON.parse(r.received[0].body).data, { clipId });
  // Verified as a receiver would, against the (virtual) clock of each attempt.
  const attemptsAt = runs.filter((x) =>
    x.event.Records.some((m) => parsed(m.body).subscriptionId === sub.id && Date.parse(parsed(m.body).nextAttemptAt) <= x.at + sec),
  );
  assert.equal(attemptsAt.length, 5);
  r.received.forEach((g, i) => {
    assert.equal(
      verifyWebhookSignature(g.headers['ine-signature'] as string, g.body, sub.secret, attemptsAt[i].at).ok,
      true,
      `attempt ${i + 1} signed`,
    );
  });

  // What was sent to the queue: the fan-out, the delivery, then each retry with its backoff
  // (base × 2^(n-1): 120, 240, 480, 960 s); 960 s is over SQS's 900 s, so it takes a second hop.
  const base = WEBHOOK_LIMITS.retryBaseMs / sec;
  assert.deepEqual(
    sqs.sent.map((m) => m.delaySeconds),
    [0, 0, base, base * 2, base * 4, SQS_MAX_DELAY_SECONDS, base * 8 - SQS_MAX_DELAY_SECONDS],
  );
  assert.ok(sqs.sent.every((m) => m.delaySeconds <= SQS_MAX_DELAY_SECONDS));
  const gaps = attemptsAt.slice(1).map((x, i) => Math.round((x.at - attemptsAt[i].at) / sec));
  assert.deepEqual(gaps, [base, base * 2, base * 4, base * 8], 'the attempts are as far apart as the backoff says');
  assert.deepEqual(
    sqs.sent.slice(1).map((m) => parsed(m.body).attempts),
    [0, 1, 2, 3, 4, 4],
    'a hop carries the delivery unchanged',
  );

  const log = await listDeliveries(ctx, sub.id);
  assert.deepEqual(
    log.items.map((e) => [e.attempt, e.statusCode, e.outcome]),
    [
      [5, 204, 'delivered'],
      [4, 500, 'retrying'],
      [3, 503, 'retrying'],
      [2, 502, 'retrying'],
      [1, 500, 'retrying'],
    ],
  );
  assert.equal(
    log.items[1].nextAttemptAt,
    new Date(attemptsAt[3].at + base * 8 * sec).toISOString(),
    'a retrying entry says when the next attempt is',
  );
  assert.ok(
    runs.every((x) => x.answer.batchItemFailures.length === 0),
    'a receiver failing is not a message failing',
  );
  assert.equal(sqs.messages.length + sqs.deadLetters.length, 0);
});

test('a receiver that always fails gets maxAttempts attempts, then the delivery is given up: logged as failed, nothing left in the queue', async () => {
  await clean();
  const r = await receiver();
  r.fallback = 503;
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.failed'] });
  const { sqs, handler, sink, logs } = aws();
  await sink.emit('clip.failed', { clipId, failureCode: 'encoder-failed', failureReason: 'No.' });
  const runs = await sqs.drain(handler);
  assert.equal(r.received.length, WEBHOOK_LIMITS.maxAttempts);
  const log = await listDeliveries(ctx, sub.id);
  assert.deepEqual(
    log.items.map((e) => e.outcome),
    ['failed', ...Array<string>(WEBHOOK_LIMITS.maxAttempts - 1).fill('retrying')],
  );
  assert.equal(log.items[0].nextAttemptAt, undefined);
  assert.ok(logs.some((m) => /given up/.test(m)));
  assert.equal(sqs.messages.length + sqs.deadLetters.length, 0);
  assert.ok(runs.every((x) => x.answer.batchItemFailures.length === 0));
  // The last attempt comes about an hour after the first (2 + 4 + 8 + 16 + 32 minutes).
  const first = Date.parse(log.items.at(-1)!.at);
  const last = Date.parse(log.items[0].at);
  assert.equal(Math.round((last - first) / 60_000), 62);
});

test('a message that cannot be handled is reported as a batch item failure: an unreadable one ends in the dead-letter queue, a queue outage is retried; the rest of the batch is done', async () => {
  await clean();
  const r = await receiver();
  const sub = await createSubscription(ctx, 'admin', { url: r.url, events: ['clip.deleted', 'clip.unpublished'] });
  const { sqs, handler, sink, logs } = aws();
  await sqs.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl, MessageBody: '{"not":"a delivery"}' }));
  await sink.emit('clip.deleted', { clipId });
  // The fan-out cannot queue its delivery the first time (SQS unreachable): it is handed over again.
  sqs.failSends = 1;
  const first = sqs.receive();
  assert.equal(first.Records.length, 2);
  const answer = await handler(first);
  sqs.settle(first, answer);
  assert.equal(answer.batchItemFailures.length, 2, 'the unreadable message and the fan-out that could not queue');
  assert.ok(logs.some((m) => /not a pending delivery/.test(m)));
  const runs = await sqs.drain(handler);
  assert.equal(r.received.length, 1, 'delivered once the queue is back');
  assert.equal(JSON.parse(r.received[0].body).type, 'clip.deleted');
  assert.equal(sqs.deadLetters.length, 1);
  assert.equal(sqs.deadLetters[0].body, '{"not":"a delivery"}');
  assert.equal(sqs.deadLetters[0].receiveCount, WEBHOOK_QUEUE.maxReceiveCount);
  assert.ok(
    runs.some((x) => x.answer.batchItemFailures.length === 1),
    'reported each time it is handed over',
  );
  assert.equal((await listDeliveries(ctx, sub.id)).items[0].outcome, 'delivered');
});

test('a delivery whose subscription was deleted while it waited is dropped; within a batch one target gets at most maxConcurrentPerTarget attempts at once', async () => {
  await clean();
  const slow = await receiver();
  slow.fallback = 'hang';
  const fast = await receiver();
  const gone = await receiver();
  gone.answers.push(500);
  const goneSub = await createSubscription(ctx, 'admin', { url: gone.url, events: ['clip.unpublished'] });
  await createSubscription(ctx, 'admin', { url: slow.url, events: ['clip.published'] });
  await createSubscription(ctx, 'admin', { url: fast.url, events: ['clip.ready'] });
  const { sqs, handler, sink } = aws({ attemptTimeoutMs: 300 });

  await sink.emit('clip.unpublished', { clipId });
  const step = async () => {
    const batch = sqs.receive();
    const answer = await handler(batch);
    sqs.settle(batch, answer);
    assert.equal(answer.batchItemFailures.length, 0);
    return batch.Records.length;
  };
  assert.equal(await step(), 1, 'the fan-out');
  assert.equal(await step(), 1, 'the first attempt');
  assert.equal(gone.received.length, 1);
  await deleteSubscription(ctx, goneSub.id);
  sqs.now += 2 * WEBHOOK_LIMITS.retryBaseMs;
  assert.equal(await step(), 1, 'the retry, due');
  assert.equal(gone.received.length, 1, 'no attempt for a deleted subscription');
  assert.equal(sqs.messages.length, 0, 'and its message is done');

  // Three events for a receiver that never answers and one for a receiver that does: one batch
  // holds the three attempts to the slow target and the one to the fast target.
  for (let i = 0; i < 3; i++) await sink.emit('clip.published', { clipId });
  await sink.emit('clip.ready', { clipId });
  const fanOuts = sqs.receive();
  sqs.settle(fanOuts, await handler(fanOuts));
  // Open requests to the slow target, seen as each one arrives.
  const openAtArrival: number[] = [];
  for (let n = 1; n <= 3; n++) void slow.waitFor(n).then(() => openAtArrival.push(slow.open()));
  const batch = sqs.receive();
  assert.equal(batch.Records.length, WEBHOOK_QUEUE.batchSize);
  const answer = await handler(batch);
  assert.equal(answer.batchItemFailures.length, 0);
  assert.equal(openAtArrival.length, 3, 'the three attempts to the slow target ran in this batch');
  const maxOpen = Math.max(...openAtArrival);
  assert.ok(
    maxOpen <= WEBHOOK_LIMITS.maxConcurrentPerTarget,
    `at most ${WEBHOOK_LIMITS.maxConcurrentPerTarget} open to the slow target, saw ${maxOpen}`,
  );
  assert.equal(fast.received.length, 1, 'the fast target got its delivery in the same batch');
});
