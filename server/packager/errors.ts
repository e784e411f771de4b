/**
 * A packaging failure the admin can read: `reason` goes verbatim into video.json's `failureReason`
 * (English, one sentence; the admin catalog shows it). `code` is stable, for programs and tests.
 */
export type PackagingFailureCode =
  | 'checksum-mismatch'
  | 'size-mismatch'
  | 'not-mp4'
  | 'truncated'
  | 'no-media-track'
  | 'unsupported-codec'
  | 'zero-duration'
  | 'source-missing'
  | 'invalid-manifest'
  | 'encoder-failed';

export class PackagingFailure extends Error {
  override readonly name = 'PackagingFailure';
  constructor(
    readonly code: PackagingFailureCode,
    readonly reason: string,
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
