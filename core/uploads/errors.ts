/**
 * Errors of the upload handlers, shaped for an RFC 9457 problem+json answer (as core/events'):
 * `status`, a stable `code`, a `detail` sentence and, for bad input, one JSON Pointer per problem.
 * The API maps each code onto one of its problem codes (core/api/domain-problems.ts). Codes are
 * documented in docs/server-uploads.md.
 */
import { DomainError } from '../domain-error.ts';

export type UploadsErrorCode =
  | 'invalid-upload'
  | 'upload-not-found'
  | 'upload-aborted'
  | 'upload-completed'
  | 'upload-incomplete'
  | 'upload-size-mismatch'
  | 'upload-etag-mismatch';

export type { FieldProblem } from '../domain-error.ts';

export class UploadsError extends DomainError<UploadsErrorCode> {
  override readonly name = 'UploadsError';
}
