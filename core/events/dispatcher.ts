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
import { retryDelayMs } from './backoff.js';
import type { DeliveryLog } from './delivery-log.js';
import { FAN_OUT, fanOutDeliveries, newFanOut, runDeliveryAttempt, type AttemptDeps } from './delivery-attempt.js';
import type { EventSink } from './event-sink.js';
import type { ClipEventData, ClipEventType } from './event-types.js';
import { WEBHOOK_LIMITS } from './limits.js';
import type { PendingDelivery, PendingStore } from './pending-store.js';
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
  const attemptDeps: AttemptDeps = {
    subscriptions: opts.subscriptions,
    deliveryLog: opts.deliveryLog,
    pending: opts.pending,
    allowPrivateTargets: opts.allowPrivateTargets,
    settings: s,
    now,
    random,
    log,
  };

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
    const deliveries = fanOutDeliveries(f, await opts.subscriptions.list());
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
      const outcome = await runDeliveryAttempt(d, attemptDeps, {
        signal: abort.signal,
        // The target and the overall slot are free for the next attempts while this one's log and
        // files are written (bookkeeping, not a connection).
        onSent: () => {
          running.delete(d.id);
          settling++;
          bookkeeping = true;
          releaseTarget();
          pump();
        },
      });
      if (outcome.kind === 'retrying') schedule(outcome.next);
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
      if (closed) throw new Error('The webhook dispatcher is closed');
      // Only the local disk is needed to accept an event: the subscriptions are read by the
      // fan-out that follows, retried like a delivery if the bucket cannot be reached.
      const fanOut = newFanOut(type, data, now());
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
