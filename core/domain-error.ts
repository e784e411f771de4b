/**
 * An error of a server-side domain (webhooks, uploads) shaped for an RFC 9457 problem+json answer:
 * `status`, a stable `code`, a `detail` sentence and, for bad input, one JSON Pointer per problem.
 * The API maps each code onto one of its problem codes (core/api/domain-problems.ts).
 */
export interface FieldProblem {
  /** JSON Pointer into the request body (`/url`, `/events/1`); `` for the body itself. */
  pointer: string;
  detail: string;
}

export class DomainError<Code extends string> extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: Code,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(errors.length ? `${detail} ${errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; ')}` : detail);
  }
}
