/**
 * The indexer's second derived output: the uploader's status document of a clip whose record
 * changed (packaging/upload-status.ts). Packaging writes it at each of its own steps; every other
 * change of a record (an admin publishing, unpublishing, retitling) reaches the uploader only
 * through here, since the indexer is fed every record write, whoever made it (the Web API, the
 * admin page's direct writes, the seed). A record still `processing` is left to packaging, the one
 * writer of its progress (rewriting it here could briefly hide the progress).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { VideoRecord } from '../../src/contract/video-record.js';
import { writeUploadStatus } from '../../packaging/upload-status.js';

export async function syncUploadStatus(s3: S3Client, bucket: string, record: VideoRecord, log: (m: string) => void): Promise<void> {
  if (record.status === 'processing') return;
  await writeUploadStatus(s3, bucket, record, log);
}
