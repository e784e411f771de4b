/** Webhooks (docs/webhooks.md): event types, the EventSink, signatures, subscriptions, the dispatcher. */
export * from './event-types.js';
export * from './event-sink.js';
export * from './signature.js';
export * from './limits.js';
export * from './errors.js';
export * from './schemas.js';
export * from './subscription.js';
export * from './subscription-store.js';
export * from './subscription-handlers.js';
export * from './delivery-log.js';
export * from './pending-store.js';
export * from './delivery-attempt.js';
export * from './dispatcher.js';
export * from './queued-sink.js';
export * from './packaging-events.js';
export { isPrivateAddress, targetUrlProblem } from './target-url.js';
