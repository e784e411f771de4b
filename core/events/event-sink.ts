/**
 * Where the domain reports what happened to a clip. The webhook dispatcher is one implementation;
 * code that changes clips (the packager's adapters, the API's publish and delete handlers) depends
 * only on this interface. `emit` resolves once the event is safely recorded (not delivered): it
 * never waits for a receiver.
 */
import type { ClipEventData, ClipEventType } from './event-types.js';

export interface EventSink {
  emit<T extends ClipEventType>(type: T, data: ClipEventData[T]): Promise<void>;
}

/** Drops every event (tests, and runtimes with webhooks turned off). */
export const NO_EVENTS: EventSink = { emit: async () => {} };
