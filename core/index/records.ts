/** Reading clip records, the index's source of truth (`media/<id>/video.json`). */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readJson } from '../../src/catalog/s3-json.js';
import { videoRecordKey, type VideoRecord } from '../../src/contract/video-record.js';

export const readClipRecord = async (s3: S3Client, bucket: string, id: string): Promise<VideoRecord | undefined> =>
  (await readJson<VideoRecord>(s3, bucket, videoRecordKey(id)))?.value;

/** Every clip record in the bucket (`media/<id>/video.json`), a few reads at a time. */
export async function readAllRecords(s3: S3Client, bucket: string, parallel = 16): Promise<VideoRecord[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'media/', Delimiter: '/', ContinuationToken: token }));
    for (const p of page.CommonPrefixes ?? []) ids.push(p.Prefix!.slice('media/'.length, -1));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const out: VideoRecord[] = [];
  let i = 0;
  const worker = async () => {
    while (i < ids.length) {
      const r = await readClipRecord(s3, bucket, ids[i++]);
      if (r) out.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, ids.length) }, worker));
  return out;
}
