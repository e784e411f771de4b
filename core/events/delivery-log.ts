/**
 * Each subscription's delivery log: one entry per attempt (number, status code, duration, error,
 * outcome), newest first, the newest `WEBHOOK_LIMITS.deliveryLogEntries` kept. One JSON object per
 * subscription under `api/webhook-deliveries/` (private, like the subscriptions), appended with
 * conditional writes so concurrent writers (other processes too) never drop each other's entries.
 */
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readJson, updateJson } from '../../src/catalog/s3-json.js';
import type { ClipEventType } from './event-types.js';
import { WEBHOOK_LIMITS } from './limits.js';
import { SUBSCRIPTION_ID_PATTERN } from './subscription.js';

export const DELIVERY_LOG_PREFIX = 'api/webhook-deliveries/';

export interface DeliveryLogEntry {
  deliveryId: string;
  eventId: string;
  eventType: ClipEventType;
  /** 1 for the first attempt. */
  attempt: number;
  at: string;
  statusCode?: number;
  durationMs: number;
  error?: string;
  outcome: 'delivered' | 'retrying' | 'failed';
  nextAttemptAt?: string;
}

export interface DeliveryLog {
  append(subscriptionId: string, entry: DeliveryLogEntry): Promise<void>;
  /** Newest first. */
  list(subscriptionId: string): Promise<DeliveryLogEntry[]>;
  remove(subscriptionId: string): Promise<void>;
}

const keyOf = (id: string) => `${DELIVERY_LOG_PREFIX}${id}.json`;

export function s3DeliveryLog(s3: S3Client, bucket: string, maxEntries: number = WEBHOOK_LIMITS.deliveryLogEntries): DeliveryLog {
  // Appends to one subscription's log are written one batch at a time: concurrent attempts would
  // otherwise collide on the conditional write and retry; a batch takes every entry that arrived
  // while the previous write was in flight.
  const queues = new Map<string, { entries: DeliveryLogEntry[]; waiters: { resolve(): void; reject(e: unknown): void }[] }>();
  async function flush(id: string, q: { entries: DeliveryLogEntry[]; waiters: { resolve(): void; reject(e: unknown): void }[] }) {
    while (q.entries.length) {
      const batch = q.entries.splice(0).reverse(); // newest first
      const waiters = q.waiters.splice(0);
      try {
        await updateJson<{ items: DeliveryLogEntry[] }>(
          s3,
          bucket,
          keyOf(id),
          (cur) => ({ items: [...batch, ...(cur?.items ?? [])].slice(0, maxEntries) }),
          {
            cacheControl: 'no-store',
          },
        );
        waiters.forEach((w) => w.resolve());
      } catch (e) {
        waiters.forEach((w) => w.reject(e));
      }
    }
    queues.delete(id);
  }
  return {
    append(id, entry) {
      if (!SUBSCRIPTION_ID_PATTERN.test(id)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let q = queues.get(id);
        const start = !q;
        if (!q) queues.set(id, (q = { entries: [], waiters: [] }));
        q.entries.push(entry);
        q.waiters.push({ resolve, reject });
        if (start) void flush(id, q);
      });
    },
    async list(id) {
      if (!SUBSCRIPTION_ID_PATTERN.test(id)) return [];
      return (await readJson<{ items: DeliveryLogEntry[] }>(s3, bucket, keyOf(id)))?.value.items ?? [];
    },
    async remove(id) {
      if (!SUBSCRIPTION_ID_PATTERN.test(id)) return;
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(id) }));
    },
  };
}
