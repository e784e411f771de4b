/**
 * Errors of the webhook subscription handlers, shaped for an RFC 9457 problem+json answer: the
 * API (core/api/domain-problems.ts) maps each `code` onto one of its problem codes, keeps `detail`
 * and turns `errors` into the problem's `errors` member (one JSON Pointer into the request body per
 * problem). Codes are documented in docs/webhooks.md.
 */
import { DomainError } from '../domain-error.ts';

export type EventsErrorCode = 'invalid-subscription' | 'subscription-not-found' | 'too-many-subscriptions';

export type { FieldProblem } from '../domain-error.ts';

export class EventsError extends DomainError<EventsErrorCode> {
  override readonly name = 'EventsError';
}
