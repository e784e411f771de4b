/**
 * The uploader's view of its upload (`uploads/<identity>/<upload>.status.json`,
 * src/contract/upload-status.ts): derived from the clip record each time packaging writes it, so
 * the person who sent a file learns that it is ready, or that it failed and why (as a code), from
 * their own folder, without any right to read clip records.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  isPackagingFailureCode,
  UPLOAD_STATUS_VERSION,
  uploadStageOf,
  uploadStatusKeyFor,
  type UploadProgress,
  type UploadStatus,
  type VideoRecord,
} from '../src/contract/index.js';

/**
 * The status document of a record and where it goes; undefined for a source that is not an upload
 * (the seed's own key shape is one). `progress`: how far packaging is (only while processing).
 */
export function uploadStatusOf(record: VideoRecord, progress?: UploadProgress): { key: string; status: UploadStatus } | undefined {
  const key = uploadStatusKeyFor(record.source.key);
  if (!key) return undefined;
  const failed = record.status === 'failed';
  return {
    key,
    status: {
      schemaVersion: UPLOAD_STATUS_VERSION,
      videoId: record.id,
      status: record.status,
      stage: uploadStageOf(record),
      published: record.published === true,
      ...(record.metadata?.title ? { title: record.metadata.title } : {}),
      ...(progress && record.status === 'processing' ? { progress } : {}),
      ...(failed ? { failureCode: isPackagingFailureCode(record.failureCode) ? record.failureCode : 'internal-error' } : {}),
      ...(failed && record.failureParams ? { failureParams: record.failureParams } : {}),
      ...(record.incomplete ? { lostSeconds: record.incomplete.lostSeconds } : {}),
      updatedAt: record.updatedAt,
    },
  };
}

/** Writes it; a failure is logged (the uploader keeps waiting, and the next record write repairs it). */
export async function writeUploadStatus(
  s3: S3Client,
  bucket: string,
  record: VideoRecord,
  log: (m: string) => void,
  progress?: UploadProgress,
): Promise<void> {
  const out = uploadStatusOf(record, progress);
  if (!out) return;
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: out.key,
        Body: JSON.stringify(out.status),
        ContentType: 'application/json',
        CacheControl: 'no-cache',
      }),
    );
  } catch (e) {
    log(`packager: upload status of ${record.id} not written (${(e as Error).message}); the next write of this clip repairs it`);
  }
}
