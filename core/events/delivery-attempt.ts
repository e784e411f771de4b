/**
 * One step of a pending delivery, the same wherever deliveries wait (the stand-in's dispatcher with
 * its files, the delivery Lambda with its SQS queue): an event's fan-out into one delivery per
 * matching subscription, and one signed attempt with its log entry and, when it failed and attempts
 * remain, the next try saved with its backoff. Where a delivery waits is the `PendingStore`'s
 * business only, so the retry and give-up rules are written once, here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { retryDelayMs } from './backoff.js';
import type { DeliveryLog, DeliveryLogEntry } from './delivery-log.js';
import { isClipEventType, type ClipEventData, type ClipEventType, type WebhookEvent } from './event-types.js';
import { WEBHOOK_LIMITS } from './limits.js';
import type { PendingDelivery, PendingStore } from './pending-store.js';
import { sendWebhook } from './send-webhook.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import { signingSecrets, type StoredSubscription } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';

export const USER_AGENT = 'INE-Webhooks/1';
/** The `subscriptionId` (and target) of an event not yet fanned out to its subscriptions. */
export const FAN_OUT = '*';

/** The delivery settings an attempt follows (tests shorten the waits and the timeout). */
export type AttemptSettings = Pick<typeof WEBHOOK_LIMITS, 'maxAttempts' | 'retryBaseMs' | 'attemptTimeoutMs' | 'responseBodyMaxBytes'>;

const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

/** The origin (scheme, host, port) of a target URL: the unit of per-target concurrency. */
export const targetOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** A new event as the pending record that fans it out (the only thing saved when it is emitted). */
export function newFanOut<T extends ClipEventType>(type: T, data: ClipEventData[T], now: number): PendingDelivery {
  if (!isClipEventType(type)) throw new TypeError(`Unknown event type ${String(type)}`);
  const event: WebhookEvent<T> = { id: newId('evt'), type, createdAt: new Date(now).toISOString(), data };
  return {
    id: newId('dlv'),
    subscriptionId: FAN_OUT,
    target: FAN_OUT,
    eventId: event.id,
    eventType: type,
    body: JSON.stringify(event),
    attempts: 0,
    nextAttemptAt: event.createdAt,
  };
}

/**
 * One delivery per subscription to the fan-out's event type. Ids are derived from the fan-out's, so
 * a fan-out repeated (after a crash, or a queue handing it over twice) makes the same ids.
 */
export function fanOutDeliveries(f: PendingDelivery, subscriptions: readonly StoredSubscription[]): PendingDelivery[] {
  return subscriptions
    .filter((sub) => sub.events.includes(f.eventType))
    .map((sub) => ({
      ...f,
      id: `dlv_${createHash('sha256').update(`${f.id}/${sub.id}`).digest('hex').slice(0, 32)}`,
      subscriptionId: sub.id,
      target: targetOf(sub.url),
    }));
}

export interface AttemptDeps {
  subscriptions: SubscriptionStore;
  deliveryLog: DeliveryLog;
  pending: PendingStore;
  allowPrivateTargets: boolean;
  settings: AttemptSettings;
  now: () => number;
  random: () => number;
  log: (m: string) => void;
}

export type AttemptOutcome =
  /** The subscription is gone: the delivery was removed. */
  | { kind: 'dropped' }
  /** Stopped by the signal before it finished: nothing recorded, the saved delivery stays as it was. */
  | { kind: 'stopped' }
  | { kind: 'delivered' | 'given-up'; entry: DeliveryLogEntry }
  /** Failed with attempts left: `next` is saved, due at its `nextAttemptAt`. */
  | { kind: 'retrying'; entry: DeliveryLogEntry; next: PendingDelivery };

/**
 * Makes attempt `d.attempts + 1`: re-reads the subscription (deleted: dropped; rotated: the new
 * secret signs), signs at send time, sends, appends the log entry, then saves the next try or
 * removes the delivery. `onSent` runs once the receiver's part is over (before the bookkeeping), so
 * a caller can free the target for others. Throws only when a store fails (not the receiver).
 */
export async function runDeliveryAttempt(
  d: PendingDelivery,
  deps: AttemptDeps,
  hooks: { signal?: AbortSignal; onSent?: () => void } = {},
): Promise<AttemptOutcome> {
  const { settings: s, now } = deps;
  const sub = await deps.subscriptions.get(d.subscriptionId);
  if (!sub) {
    deps.log(`webhooks: subscription ${d.subscriptionId} is gone; delivery ${d.id} dropped`);
    await deps.pending.remove(d.id);
    return { kind: 'dropped' };
  }
  const startedAt = now();
  const attemptNo = d.attempts + 1;
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    'INE-Event-Id': d.eventId,
    'INE-Event-Type': d.eventType,
    'INE-Delivery-Id': d.id,
    'INE-Delivery-Attempt': String(attemptNo),
    [SIGNATURE_HEADER]: signWebhook(d.body, signingSecrets(sub, startedAt), Math.floor(startedAt / 1000)),
  };
  const r = await sendWebhook(sub.url, headers, d.body, {
    timeoutMs: s.attemptTimeoutMs,
    responseBodyMaxBytes: s.responseBodyMaxBytes,
    allowPrivateTargets: deps.allowPrivateTargets,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  if (hooks.signal?.aborted) return { kind: 'stopped' };
  hooks.onSent?.();
  const last = !r.ok && attemptNo >= s.maxAttempts;
  const nextAt = r.ok || last ? undefined : new Date(now() + retryDelayMs(attemptNo, s.retryBaseMs, deps.random)).toISOString();
  const entry: DeliveryLogEntry = {
    deliveryId: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    attempt: attemptNo,
    at: new Date(startedAt).toISOString(),
    ...(r.statusCode ? { statusCode: r.statusCode } : {}),
    durationMs: r.durationMs,
    ...(r.error ? { error: r.error.slice(0, WEBHOOK_LIMITS.logErrorMaxLength) } : {}),
    outcome: r.ok ? 'delivered' : last ? 'failed' : 'retrying',
    ...(nextAt ? { nextAttemptAt: nextAt } : {}),
  };
  const logged = deps.deliveryLog
    .append(d.subscriptionId, entry)
    .catch((e: unknown) => deps.log(`webhooks: could not log ${d.id}: ${(e as Error).message}`));
  if (nextAt) {
    const next = { ...d, attempts: attemptNo, nextAttemptAt: nextAt };
    await Promise.all([logged, deps.pending.save(next)]);
    deps.log(`webhooks: ${d.eventType} to ${sub.url} attempt ${attemptNo} failed (${r.error}); retrying at ${nextAt}`);
    return { kind: 'retrying', entry, next };
  }
  await Promise.all([logged, deps.pending.remove(d.id)]);
  if (last) deps.log(`webhooks: ${d.eventType} to ${sub.url} failed after ${attemptNo} attempts (${r.error}); given up`);
  return { kind: last ? 'given-up' : 'delivered', entry };
}
