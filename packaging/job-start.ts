/**
 * The start of every packaging job, the same for the local packager (server/packager/job.ts) and the
 * AWS Lambdas (infra/packaging/handlers.ts): upload manifest → claimed clip id → `processing`
 * record. Repeated events are safe: the clip id comes from the manifest's claim, and a clip already
 * `ready` is left alone. Also the two ways a job's failure becomes the clip's `failed` record.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { UploadManifest, VideoRecord } from '../src/contract/index.js';
import { claimVideoId, readText, updateRecord } from './clip-store.js';
import type { AuditLog } from '../core/audit/log.ts';
import { failureOf, type FailureParams, type PackagingFailureCode } from './errors.js';
import { failedRecord, isManifestKey, parseUploadManifest, processingRecord, reprocessingRecord, unreadableManifestRecord } from './record.js';

type Failure = { reason: string; code: PackagingFailureCode; params?: FailureParams };

export type JobStart =
  /** The key is not an upload manifest (a job file from before manifests had one key shape). */
  | { status: 'not-a-manifest' }
  /** The manifest no longer exists: nothing to package. */
  | { status: 'gone' }
  /** The manifest cannot be read: the clip is recorded as failed. */
  | { status: 'unreadable'; id: string; failure: Failure }
  /** The clip is already `ready` (a repeated event, or a restart after the record was written). */
  | { status: 'already-ready'; id: string; manifest: UploadManifest }
  /** The `processing` record is written: the admin catalog shows the clip from now on. */
  | { status: 'processing'; id: string; manifest: UploadManifest };

export async function startPackagingJob(s3: S3Client, bucket: string, manifestKey: string, log: (m: string) => void): Promise<JobStart> {
  if (!isManifestKey(manifestKey)) return { status: 'not-a-manifest' };
  const text = await readText(s3, bucket, manifestKey);
  if (text === undefined) return { status: 'gone' };
  const id = await claimVideoId(s3, bucket, manifestKey);
  let manifest: UploadManifest;
  try {
    manifest = parseUploadManifest(text, manifestKey);
  } catch (e) {
    const failure = failureOf(e);
    await recordFailureByManifestKey(s3, bucket, id, manifestKey, failure, log);
    return { status: 'unreadable', id, failure };
  }
  let alreadyReady = false;
  await updateRecord(
    s3,
    bucket,
    id,
    (cur) => {
      if (cur?.status === 'ready') {
        alreadyReady = true;
        return undefined;
      }
      return cur ? reprocessingRecord(cur, manifest) : processingRecord(id, manifest);
    },
    log,
  );
  return alreadyReady ? { status: 'already-ready', id, manifest } : { status: 'processing', id, manifest };
}

/** Records a failure when only the manifest key is known (its manifest unreadable, or the job given up on). */
export async function recordFailureByManifestKey(
  s3: S3Client,
  bucket: string,
  id: string,
  manifestKey: string,
  failure: Failure,
  log: (m: string) => void,
): Promise<void> {
  await updateRecord(s3, bucket, id, (cur) => (cur ? failedRecord(cur, failure) : unreadableManifestRecord(id, manifestKey, failure)), log);
}

/** Records a failure of a started job (`packager` names what was packaging it). */
export async function recordPackagingFailure(
  s3: S3Client,
  bucket: string,
  id: string,
  manifest: UploadManifest,
  failure: Failure,
  packager: VideoRecord['packager'],
  log: (m: string) => void,
  audit?: Pick<AuditLog, 'intend'>,
): Promise<void> {
  await updateRecord(s3, bucket, id, (cur) => failedRecord(cur ?? processingRecord(id, manifest), failure, packager), log, audit);
}
