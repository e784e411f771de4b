/**
 * An `EventSink` for runtimes where deliveries wait in a queue someone else consumes (AWS: the API
 * and packaging Lambdas put events on the SQS queue the delivery Lambda reads): `emit` saves the
 * event's fan-out record to the pending store and returns; the consumer fans it out and delivers
 * (delivery-attempt.ts), as the stand-in's dispatcher does with its own files.
 */
import { newFanOut } from './delivery-attempt.js';
import type { EventSink } from './event-sink.js';
import type { PendingStore } from './pending-store.js';

export function queuedEventSink(pending: PendingStore, now: () => number = Date.now): EventSink {
  return {
    async emit(type, data) {
      await pending.save(newFanOut(type, data, now()));
    },
  };
}
