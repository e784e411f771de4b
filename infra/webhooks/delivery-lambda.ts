/**
 * The delivery Lambda (docs/webhooks.md "On AWS"): consumes the webhook queue (SQS event source,
 * small batches, ReportBatchItemFailures). Each message is one pending delivery, as the stand-in
 * saves it in a file:
 *
 * - not due yet (a wait longer than SQS's 15-minute delay): sent again with the rest of the wait;
 * - an event's fan-out: one message per matching subscription (core/events `fanOutDeliveries`);
 * - a delivery: one attempt by core/events `runDeliveryAttempt` (signed, 5 s limit, no redirects,
 *   capped answer, logged), which re-queues a failure with its backoff or gives up after
 *   `WEBHOOK_LIMITS.maxAttempts`, exactly as the stand-in.
 *
 * A receiver's failure is not the message's: the message is done once the next try is queued.
 * Only a message that cannot be handled (unreadable body, S3 or SQS failing) is reported as a batch
 * item failure, so SQS hands it over again after its visibility timeout, and after
 * `maxReceiveCount` moves it to the dead-letter queue. Within a batch at most
 * `maxConcurrentPerTarget` attempts run to one target at once.
 *
 * Environment (set by infra/lib/webhooks.ts): INE_MEDIA_BUCKET, INE_WEBHOOK_QUEUE_URL.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  FAN_OUT,
  WEBHOOK_LIMITS,
  cachedSubscriptionStore,
  fanOutDeliveries,
  isPendingDelivery,
  runDeliveryAttempt,
  s3DeliveryLog,
  s3SubscriptionStore,
  type AttemptDeps,
  type AttemptSettings,
  type PendingDelivery,
} from '../../core/events/index.ts';
import { isDue, sqsPendingQueue, type SqsSender } from './sqs-pending-queue.ts';

/** The parts of an SQS event the handler reads. */
export interface SqsEvent {
  Records: { messageId: string; body: string }[];
}

export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface DeliveryHandlerDeps {
  s3: S3Client;
  bucket: string;
  sqs: SqsSender;
  queueUrl: string;
  /** Refused on AWS (a subscription must not reach the service's own network); tests deliver to a local receiver. */
  allowPrivateTargets?: boolean;
  settings?: Partial<AttemptSettings & { maxConcurrentPerTarget: number }>;
  now?: () => number;
  random?: () => number;
  log?: (m: string) => void;
}

export function createDeliveryHandler(deps: DeliveryHandlerDeps): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string) => console.log(JSON.stringify({ msg: m })));
  const settings = { ...WEBHOOK_LIMITS, ...deps.settings };
  const pending = sqsPendingQueue(deps.sqs, deps.queueUrl, now);
  const subscriptions = cachedSubscriptionStore(s3SubscriptionStore(deps.s3, deps.bucket), 1000, now);
  const attemptDeps: AttemptDeps = {
    subscriptions,
    deliveryLog: s3DeliveryLog(deps.s3, deps.bucket),
    pending,
    allowPrivateTargets: deps.allowPrivateTargets ?? false,
    settings,
    now,
    random: deps.random ?? Math.random,
    log,
  };

  async function handle(d: PendingDelivery): Promise<void> {
    if (!isDue(d, now())) return pending.save(d); // one more hop of the wait
    if (d.subscriptionId === FAN_OUT) {
      await Promise.all(fanOutDeliveries(d, await subscriptions.list()).map((x) => pending.create(x)));
      return;
    }
    await runDeliveryAttempt(d, attemptDeps);
  }

  return async (event) => {
    const failures: string[] = [];
    const runOne = async (messageId: string, d: PendingDelivery) => {
      try {
        await handle(d);
      } catch (e) {
        log(`webhooks: message ${messageId} (delivery ${d.id}) could not be handled: ${(e as Error).message}; SQS hands it over again`);
        failures.push(messageId);
      }
    };
    // One lane per target: at most maxConcurrentPerTarget attempts to it at once; hops and
    // fan-outs touch no receiver and each get their own lane.
    const lanes = new Map<string, { messageId: string; d: PendingDelivery }[]>();
    for (const r of event.Records ?? []) {
      let d: unknown;
      try {
        d = JSON.parse(r.body);
      } catch {
        d = undefined;
      }
      if (!isPendingDelivery(d)) {
        log(`webhooks: message ${r.messageId} is not a pending delivery; left for the dead-letter queue`);
        failures.push(r.messageId);
        continue;
      }
      const lane = d.subscriptionId === FAN_OUT || !isDue(d, now()) ? `#${r.messageId}` : d.target;
      lanes.set(lane, [...(lanes.get(lane) ?? []), { messageId: r.messageId, d }]);
    }
    await Promise.all(
      [...lanes.values()].flatMap((items) =>
        Array.from({ length: Math.min(items.length, settings.maxConcurrentPerTarget) }, async () => {
          for (let item = items.shift(); item; item = items.shift()) await runOne(item.messageId, item.d);
        }),
      ),
    );
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`Set ${name}`);
  return v;
}

let cached: ((event: SqsEvent) => Promise<SqsBatchResponse>) | undefined;

/** Lambda entry: the SQS event source of the webhook queue (ReportBatchItemFailures). */
export const handler = (event: SqsEvent): Promise<SqsBatchResponse> =>
  (cached ??= createDeliveryHandler({
    s3: new S3Client({}),
    bucket: required('INE_MEDIA_BUCKET'),
    sqs: new SQSClient({}),
    queueUrl: required('INE_WEBHOOK_QUEUE_URL'),
  }))(event);
