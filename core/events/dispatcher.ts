/**
 * The webhook dispatcher, an `EventSink`: `emit` saves the event to the pending store (local disk,
 * so nothing is lost by a restart or by the bucket being unreachable) and returns; in the
 * background it is fanned out into one pending delivery per matching subscription, and those run.
 * Each attempt re-reads its subscription (deleted: the delivery is dropped; rotated: the new secret
 * signs), is signed at send time, and is logged. A failed attempt is retried
 * with exponential backoff and jitter up to `maxAttempts`. At most `maxConcurrent` attempts run at
 * once, and at most `maxConcurrentPerTarget` to one target (origin), so a slow or dead receiver
 * holds only its own slots and never delays the others. Nothing here throws into the caller's work
 * except a failure to record the event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { retryDelayMs } from './backoff.js';
import type { DeliveryLog, DeliveryLogEntry } from './delivery-log.js';
import type { EventSink } from './event-sink.js';
import { isClipEventType, type ClipEventData, type ClipEventType, type WebhookEvent } from './event-types.js';
import { WEBHOOK_LIMITS } from './limits.js';
import type { PendingDelivery, PendingStore } from './pending-store.js';
import { sendWebhook, type AttemptResult } from './send-webhook.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import { signingSecrets } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';

export interface DispatcherOptions {
  subscriptions: SubscriptionStore;
  deliveryLog: DeliveryLog;
  pending: PendingStore;
  /** Allow loopback and private-network targets (the stand-in; refused on AWS). */
  allowPrivateTargets: boolean;
  log?: (m: string) => void;
  /** Overrides of the delivery settings (tests shorten the retry waits and the timeout). */
  settings?: Partial<
    Pick<
      typeof WEBHOOK_LIMITS,
      'maxAttempts' | 'retryBaseMs' | 'attemptTimeoutMs' | 'maxConcurrent' | 'maxConcurrentPerTarget' | 'responseBodyMaxBytes'
    >
  >;
  now?: () => number;
  random?: () => number;
}

export interface WebhookDispatcher extends EventSink {
  /** Loads the deliveries a previous run left and schedules them; returns how many. */
  resume(): Promise<number>;
  /** Resolves once no delivery is pending, waiting or running. */
  idle(): Promise<void>;
  /** Stops: running attempts are abandoned and every unfinished delivery stays saved for the next start. */
  close(): Promise<void>;
}

export const USER_AGENT = 'INE-Webhooks/1';
/** The `subscriptionId` (and target) of an event not yet fanned out to its subscriptions. */
const FAN_OUT = '*';

const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;
const targetOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

export function createWebhookDispatcher(opts: DispatcherOptions): WebhookDispatcher {
  const s = { ...WEBHOOK_LIMITS, ...opts.settings };
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const log = opts.log ?? (() => {});
  /** Due, waiting for a slot, oldest first. */
  const ready: PendingDelivery[] = [];
  const waiting = new Map<string, NodeJS.Timeout>();
  /** Running attempts by delivery id. */
  const running = new Map<string, AbortController>();
  const inFlight = new Set<Promise<void>>();
  const perTarget = new Map<string, number>();
  /** Deliveries being recorded by `emit` (counted so idle() waits for them). */
  let recording = 0;
  /** Attempts done, their log entry and pending file being written. */
  let settling = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  /** Per fan-out still saved, the deliveries it has queued so far. */
  const fannedOut = new Map<string, Set<string>>();

  function checkIdle() {
    if (!recording && !settling && !ready.length && !waiting.size && !running.size) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((f) => f());
    }
  }

  function schedule(d: PendingDelivery) {
    if (closed) return;
    const delay = Math.max(0, Date.parse(d.nextAttemptAt) - now());
    const timer = setTimeout(() => {
      waiting.delete(d.id);
      ready.push(d);
      pump();
    }, delay);
    waiting.set(d.id, timer);
  }

  function pump() {
    for (let i = 0; i < ready.length && running.size < s.maxConcurrent && !closed;) {
      const d = ready[i];
      // Fan-outs only read the bucket and write local files: they share the overall limit only.
      const cap = d.target === FAN_OUT ? s.maxConcurrent : s.maxConcurrentPerTarget;
      if ((perTarget.get(d.target) ?? 0) >= cap) {
        i++; // this target is busy: the next delivery may go elsewhere
        continue;
      }
      ready.splice(i, 1);
      const p = attempt(d);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    checkIdle();
  }

  /** One pending delivery per subscription to the event's type, saved before the fan-out record is removed. */
  async function fanOut(f: PendingDelivery) {
    const subs = (await opts.subscriptions.list()).filter((sub) => sub.events.includes(f.eventType));
    const deliveries = subs.map((sub): PendingDelivery => ({
      ...f,
      id: `dlv_${createHash('sha256').update(`${f.id}/${sub.id}`).digest('hex').slice(0, 32)}`,
      subscriptionId: sub.id,
      target: targetOf(sub.url),
    }));
    // Ids derived from the fan-out's: a fan-out repeated after a crash finds the deliveries it had
    // saved (resumed with their own progress) and creates only the missing ones.
    // Each one created is queued at once, so a fan-out retried after a partial failure never
    // leaves one behind (at a restart, those already saved are resumed from their files).
    // Those this process already queued (on an earlier try of this fan-out) are skipped even if
    // they were delivered since.
    const queued = fannedOut.get(f.id) ?? new Set<string>();
    fannedOut.set(f.id, queued);
    const todo = deliveries.filter((d) => !queued.has(d.id));
    const created = await Promise.allSettled(todo.map((d) => opts.pending.create(d)));
    todo.forEach((d, i) => {
      const c = created[i];
      if (c.status === 'fulfilled' && c.value) {
        queued.add(d.id);
        if (!closed) ready.push(d);
      }
    });
    const failed = created.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed) throw failed.reason;
    await opts.pending.remove(f.id);
    fannedOut.delete(f.id);
  }

  async function attempt(d: PendingDelivery) {
    const abort = new AbortController();
    running.set(d.id, abort);
    perTarget.set(d.target, (perTarget.get(d.target) ?? 0) + 1);
    let holding = true;
    let bookkeeping = false;
    const releaseTarget = () => {
      if (!holding) return;
      holding = false;
      const n = (perTarget.get(d.target) ?? 1) - 1;
      if (n > 0) perTarget.set(d.target, n);
      else perTarget.delete(d.target);
    };
    try {
      if (d.subscriptionId === FAN_OUT) return await fanOut(d);
      const sub = await opts.subscriptions.get(d.subscriptionId);
      if (!sub) {
        log(`webhooks: subscription ${d.subscriptionId} is gone; delivery ${d.id} dropped`);
        await opts.pending.remove(d.id);
        return;
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
      const r: AttemptResult = await sendWebhook(sub.url, headers, d.body, {
        timeoutMs: s.attemptTimeoutMs,
        responseBodyMaxBytes: s.responseBodyMaxBytes,
        allowPrivateTargets: opts.allowPrivateTargets,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return; // stopping: the saved delivery is resumed at the next start
      // The target and the overall slot are free for the next attempts while this one's log and
      // files are written (bookkeeping, not a connection).
      running.delete(d.id);
      settling++;
      bookkeeping = true;
      releaseTarget();
      pump();
      const last = !r.ok && attemptNo >= s.maxAttempts;
      const next = r.ok || last ? undefined : new Date(now() + retryDelayMs(attemptNo, s.retryBaseMs, random)).toISOString();
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
        ...(next ? { nextAttemptAt: next } : {}),
      };
      const logged = opts.deliveryLog
        .append(d.subscriptionId, entry)
        .catch((e: unknown) => log(`webhooks: could not log ${d.id}: ${(e as Error).message}`));
      if (next) {
        const again = { ...d, attempts: attemptNo, nextAttemptAt: next };
        await Promise.all([logged, opts.pending.save(again)]);
        if (!r.ok) log(`webhooks: ${d.eventType} to ${sub.url} attempt ${attemptNo} failed (${r.error}); retrying at ${next}`);
        schedule(again);
      } else {
        await Promise.all([logged, opts.pending.remove(d.id)]);
        if (last) log(`webhooks: ${d.eventType} to ${sub.url} failed after ${attemptNo} attempts (${r.error}); given up`);
      }
    } catch (e) {
      // The store or the disk failed (not the receiver): try again later, without counting an attempt.
      log(`webhooks: delivery ${d.id} could not run: ${(e as Error).message}; retrying`);
      if (!closed) schedule({ ...d, nextAttemptAt: new Date(now() + retryDelayMs(1, s.retryBaseMs, random)).toISOString() });
    } finally {
      if (bookkeeping) settling--;
      running.delete(d.id);
      releaseTarget();
      pump();
    }
  }

  return {
    async emit<T extends ClipEventType>(type: T, data: ClipEventData[T]): Promise<void> {
      if (!isClipEventType(type)) throw new TypeError(`Unknown event type ${String(type)}`);
      if (closed) throw new Error('The webhook dispatcher is closed');
      const event: WebhookEvent<T> = { id: newId('evt'), type, createdAt: new Date(now()).toISOString(), data };
      // Only the local disk is needed to accept an event: the subscriptions are read by the
      // fan-out that follows, retried like a delivery if the bucket cannot be reached.
      const fanOut: PendingDelivery = {
        id: newId('dlv'),
        subscriptionId: FAN_OUT,
        target: FAN_OUT,
        eventId: event.id,
        eventType: type,
        body: JSON.stringify(event),
        attempts: 0,
        nextAttemptAt: event.createdAt,
      };
      recording++;
      try {
        await opts.pending.save(fanOut);
        ready.push(fanOut);
      } finally {
        recording--;
        pump();
      }
    },
    async resume() {
      const saved = await opts.pending.load((f) => log(`webhooks: ignoring unreadable delivery file ${f}`));
      for (const d of saved) if (!waiting.has(d.id) && !running.has(d.id) && !ready.some((r) => r.id === d.id)) schedule(d);
      return saved.length;
    },
    idle() {
      return new Promise<void>((r) => {
        idleWaiters.push(r);
        checkIdle();
      });
    },
    async close() {
      closed = true;
      for (const t of waiting.values()) clearTimeout(t);
      waiting.clear();
      ready.length = 0;
      for (const a of running.values()) a.abort();
      await Promise.allSettled([...inFlight]);
      checkIdle();
    },
  };
}
