/**
 * How far packaging is, for the uploader's "Mis envíos": a job reports its step (and how much of
 * it is done), and the upload's status document (upload-status.ts) is rewritten with `progress`
 * and an estimate of the time left, at most every `minIntervalMs` (a few writes a minute, however
 * often the job reports). The same for the local packager and the AWS Lambdas.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { packagingFraction, type PackagingStep, type UploadProgress, type VideoRecord } from '../src/contract/index.js';
import { writeUploadStatus } from './upload-status.js';

export interface ProgressReporter {
  /** `within`: 0–1 of this step. The first report of a step is always written. */
  report(step: PackagingStep, within?: number): Promise<void>;
  /**
   * Waits for the writes under way and ignores later reports: called before the record's final
   * write, so a late progress write never lands over the `ready` or `failed` status.
   */
  close(): Promise<void>;
}

export interface ProgressOptions {
  minIntervalMs?: number;
  now?: () => number;
}

/** The seconds left at the pace so far (undefined until a little is done: an estimate from nothing misleads). */
export function estimateSeconds(fraction: number, elapsedMs: number): number | undefined {
  if (fraction < 0.02 || fraction >= 1 || elapsedMs <= 0) return undefined;
  return Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000);
}

export function uploadProgressReporter(
  s3: S3Client,
  bucket: string,
  record: VideoRecord,
  log: (m: string) => void,
  opts: ProgressOptions = {},
): ProgressReporter {
  const now = opts.now ?? Date.now;
  const minInterval = opts.minIntervalMs ?? 3000;
  const started = now();
  let lastAt = -Infinity;
  let lastStep: PackagingStep | undefined;
  let closed = false;
  // One write at a time, in order.
  let chain = Promise.resolve();
  return {
    report(step, within = 0) {
      if (closed) return chain;
      const t = now();
      if (step === lastStep && t - lastAt < minInterval) return chain;
      lastAt = t;
      lastStep = step;
      const fraction = Math.round(packagingFraction(step, within) * 1000) / 1000;
      const eta = estimateSeconds(fraction, t - started);
      const progress: UploadProgress = { step, fraction, ...(eta !== undefined ? { etaSeconds: eta } : {}) };
      chain = chain.then(() => (closed ? undefined : writeUploadStatus(s3, bucket, record, log, progress)));
      return chain;
    },
    close() {
      closed = true;
      return chain;
    },
  };
}
