/**
 * Why packaging can fail: the stable codes a failed clip record carries in `failureCode`
 * (docs/packaging.md "Failures"), with the figures of each in `failureParams`. Defined here, in the
 * storage contract, so that the packaging core (packaging/errors.ts) and the elements that
 * translate them read one list.
 */
export const PACKAGING_FAILURE_CODES = [
  'checksum-mismatch',
  'size-mismatch',
  'not-mp4',
  'truncated',
  'no-media-track',
  'unsupported-codec',
  'zero-duration',
  'source-missing',
  'invalid-manifest',
  'encoder-failed',
  // Over a packaging limit (packaging/limits.ts), refused before any encoding.
  'file-too-large',
  'too-long',
  'resolution-too-high',
  'frame-rate-too-high',
  // Ran past the per-job time limit and was stopped.
  'timed-out',
  // An unexpected (infrastructure) error, after the retries.
  'internal-error',
] as const;

export type PackagingFailureCode = (typeof PACKAGING_FAILURE_CODES)[number];

export const isPackagingFailureCode = (v: unknown): v is PackagingFailureCode =>
  typeof v === 'string' && (PACKAGING_FAILURE_CODES as readonly string[]).includes(v);
