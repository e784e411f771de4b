/**
 * A packaging failure the admin can read: `reason` goes verbatim into video.json's `failureReason`
 * (English, one sentence, with the figures), `code` into `failureCode`: stable, for programs, tests
 * and the admin catalog, which shows a translated text per code (src/elements/catalog/lang), and
 * `params` into `failureParams`: the figures of the reason by name, so a translation can show them.
 */
// The codes themselves are part of the storage contract (the elements translate them).
import type { PackagingFailureCode } from '../src/contract/packaging-failures.js';
export type { PackagingFailureCode };

/** The figures of a failure by name (numbers in bytes, seconds, pixels, frames per second). */
export type FailureParams = Record<string, string | number>;

export class PackagingFailure extends Error {
  override readonly name = 'PackagingFailure';
  constructor(
    readonly code: PackagingFailureCode,
    readonly reason: string,
    readonly params?: FailureParams,
  ) {
    super(reason);
  }
}

/** The readable reason for any error thrown during a job (unexpected ones keep a short message). */
export function failureReasonOf(e: unknown): string {
  if (e instanceof PackagingFailure) return e.reason;
  const msg = e instanceof Error ? e.message : String(e);
  return `Packaging failed unexpectedly: ${msg.split('\n')[0].slice(0, 300)}`;
}

/** The stable code for any error thrown during a job. */
export const failureCodeOf = (e: unknown): PackagingFailureCode => (e instanceof PackagingFailure ? e.code : 'internal-error');

/** The reason, the code and the figures of any error thrown during a job, as the clip record keeps them. */
export const failureOf = (e: unknown): { reason: string; code: PackagingFailureCode; params?: FailureParams } => ({
  reason: failureReasonOf(e),
  code: failureCodeOf(e),
  ...(e instanceof PackagingFailure && e.params ? { params: e.params } : {}),
});
