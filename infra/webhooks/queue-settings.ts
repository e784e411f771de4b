/**
 * The webhook queue and its consumer, sized from the stand-in's delivery limits (core/events
 * limits.ts) so both runtimes promise the same: read by infra/lib/webhooks.ts (the stack) and by
 * the tests that play SQS's part.
 */
import { WEBHOOK_LIMITS } from '../../core/events/limits.ts';

const batchSize = 4;
/** A batch's longest run: its deliveries to one target, `maxConcurrentPerTarget` at a time, each up to the attempt timeout; plus room for the bookkeeping. */
const functionTimeoutSeconds = 30;

export const WEBHOOK_QUEUE = Object.freeze({
  /** Messages per Lambda invocation (small: one slow target holds a batch for at most a few attempt timeouts). */
  batchSize,
  /** Concurrent invocations the event source starts at most: batches × batch size = the stand-in's `maxConcurrent` attempts in flight. */
  maxConcurrency: Math.max(2, Math.ceil(WEBHOOK_LIMITS.maxConcurrent / batchSize)),
  functionTimeoutSeconds,
  /** AWS's advice for an SQS event source: at least six times the function's timeout. */
  visibilityTimeoutSeconds: 6 * functionTimeoutSeconds,
  /** Hand-overs of a message that keeps failing (unreadable, or S3/SQS failing) before it moves to the dead-letter queue. */
  maxReceiveCount: 5,
  /** Days a dead letter is kept for inspection and replay. */
  deadLetterRetentionDays: 14,
});
