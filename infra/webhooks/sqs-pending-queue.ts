/**
 * The pending-delivery store on AWS: the SQS queue the delivery Lambda consumes. It satisfies the
 * same `PendingStore` the stand-in's files do, so the retry and give-up rules stay in
 * core/events/delivery-attempt.ts:
 *
 * - `save` sends the delivery as one message, hidden until its `nextAttemptAt` with DelaySeconds.
 *   SQS delays at most 15 minutes, so a longer wait is a chain of hops: the consumer gets the
 *   message early, sees it is not due and saves it again with what remains (`isDue`).
 * - `create` sends it too: SQS has no conditional write, so a fan-out handed over twice queues its
 *   deliveries twice (same delivery ids; receivers de-duplicate on `INE-Event-Id`).
 * - `remove` does nothing: the consumer deletes the message it was handed by reporting it done.
 * - `load` finds nothing: the queue keeps waiting deliveries itself, nothing is resumed by hand.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { PendingDelivery, PendingStore } from '../../core/events/index.ts';

/** SQS's longest DelaySeconds. */
export const SQS_MAX_DELAY_SECONDS = 900;
/** A message handed over this close to its due time is attempted rather than delayed again (SQS delays in whole seconds). */
export const DUE_TOLERANCE_MS = 1000;

/** The seconds `d` must still wait at `now`, capped at one hop. */
export function delaySecondsFor(d: PendingDelivery, now: number): number {
  const wait = Math.ceil((Date.parse(d.nextAttemptAt) - now) / 1000);
  return Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, wait));
}

/** Whether `d` may be attempted at `now` (else it needs another hop). */
export const isDue = (d: PendingDelivery, now: number): boolean => Date.parse(d.nextAttemptAt) - now <= DUE_TOLERANCE_MS;

/** The slice of SQSClient the queue uses (an in-memory queue stands in for it in tests). */
export interface SqsSender {
  send(command: SendMessageCommand): Promise<unknown>;
}

export function sqsPendingQueue(sqs: SqsSender, queueUrl: string, now: () => number = Date.now): PendingStore {
  const save = async (d: PendingDelivery) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(d), DelaySeconds: delaySecondsFor(d, now()) }));
  };
  return {
    save,
    async create(d) {
      await save(d);
      return true;
    },
    async remove() {},
    async load() {
      return [];
    },
  };
}
