/**
 * The domain modules' errors (core/events `EventsError`, core/uploads `UploadsError`: status, a
 * kebab-case code, a detail and JSON Pointers) as the API's problems: one code each, so a new domain
 * code does not compile until it has its problem.
 */
import { EventsError, type EventsErrorCode } from '../events/errors.ts';
import { UploadsError, type UploadsErrorCode } from '../uploads/errors.ts';
import { ApiProblem } from './problem.ts';
import type { ProblemCode } from './problem-codes.ts';

const PROBLEM_OF: Record<EventsErrorCode | UploadsErrorCode, ProblemCode> = {
  'invalid-subscription': 'InvalidRequest',
  'subscription-not-found': 'NotFound',
  'too-many-subscriptions': 'TooManySubscriptions',
  'invalid-upload': 'InvalidRequest',
  'upload-not-found': 'NotFound',
  'upload-aborted': 'UploadAborted',
  'upload-completed': 'UploadCompleted',
  'upload-incomplete': 'UploadIncomplete',
  'upload-size-mismatch': 'UploadSizeMismatch',
  'upload-etag-mismatch': 'UploadEtagMismatch',
};

/** Runs a domain call, answering its errors as problems (the rest pass through: the router logs them as 500s). */
export async function asProblem<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof EventsError || e instanceof UploadsError) {
      const errors = e.errors.map((x) => ({ pointer: x.pointer || '/', message: x.detail }));
      throw new ApiProblem(PROBLEM_OF[e.code], e.detail, errors.length ? { errors } : {});
    }
    throw e;
  }
}
