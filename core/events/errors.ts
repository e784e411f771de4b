/**
 * Errors of the webhook subscription handlers, shaped for an RFC 9457 problem+json answer: the
 * API (core/api/domain-problems.ts) maps each `code` onto one of its problem codes, keeps `detail`
 * and turns `errors` into the problem's `errors` member (one JSON Pointer into the request body per
 * problem). Codes are documented in docs/webhooks.md.
 */
export type EventsErrorCode = 'invalid-subscription' | 'subscription-not-found' | 'too-many-subscriptions';

export interface FieldProblem {
  /** JSON Pointer into the request body (`/url`, `/events/1`); `` for the body itself. */
  pointer: string;
  detail: string;
}

export class EventsError extends Error {
  override readonly name = 'EventsError';
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: EventsErrorCode,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(errors.length ? `${detail} ${errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; ')}` : detail);
  }
}
