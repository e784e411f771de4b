/**
 * Publishing a ready clip as an admin does: `published: true` + `publishedAt` written with If-Match
 * on the record read (retried on 412), then the catalog sync. Used by the seed and by tests.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { VideoRecord } from '../src/contract/index.js';
import { updateRecord } from './clip-store.js';

export async function publishClip(s3: S3Client, bucket: string, id: string, log?: (m: string) => void): Promise<VideoRecord> {
  const rec = await updateRecord(
    s3,
    bucket,
    id,
    (cur) => {
      if (!cur) throw new Error(`clip ${id} has no record`);
      if (cur.status !== 'ready') throw new Error(`clip ${id} is ${cur.status}, not ready: it cannot be published`);
      if (cur.published) return undefined;
      const now = new Date().toISOString();
      return { ...cur, published: true, publishedAt: now, updatedAt: now };
    },
    log,
  );
  return rec!;
}
