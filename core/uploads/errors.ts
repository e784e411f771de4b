/**
 * Errors of the upload handlers, shaped for an RFC 9457 problem+json answer (as core/events'):
 * `status`, a stable `code`, a `detail` sentence and, for bad input, one JSON Pointer per problem.
 * The API maps each code onto one of its problem codes (core/api/domain-problems.ts). Codes are
 * documented in docs/server-uploads.md.
 */
export type UploadsErrorCode =
  | 'invalid-upload'
  | 'upload-not-found'
  | 'upload-aborted'
  | 'upload-completed'
  | 'upload-incomplete'
  | 'upload-size-mismatch'
  | 'upload-etag-mismatch';

export interface FieldProblem {
  pointer: string;
  detail: string;
}

export class UploadsError extends Error {
  override readonly name = 'UploadsError';
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: UploadsErrorCode,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(errors.length ? `${detail} ${errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; ')}` : detail);
  }
}
