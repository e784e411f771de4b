/**
 * Lambda entry: S3 ObjectCreated/ObjectRemoved on `media/*\/video.json` → published-id store (with
 * each clip's publication window), and a schedule per window boundary still ahead.
 * Environment: `BUCKET`, `KVS_ARN`; `SCHEDULE_GROUP`, `SCHEDULER_ROLE_ARN`, `INDEX_QUEUE_ARN`.
 * A thrown error makes Lambda retry the event (async invoke).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { KeyValueStoreIds } from './published-ids.ts';
import { syncFromEvent, type S3EventLike } from './sync.ts';
import { boundarySchedulerFromEnv } from './boundaries.ts';

const s3 = new S3Client({});
const store = new KeyValueStoreIds(process.env.KVS_ARN ?? '');
const scheduler = boundarySchedulerFromEnv(process.env);

export async function handler(event: S3EventLike): Promise<{ synced: number }> {
  const outcomes = await syncFromEvent(event, s3, store, process.env.BUCKET, scheduler);
  for (const o of outcomes) console.log(JSON.stringify({ msg: 'publication synced', ...o }));
  return { synced: outcomes.length };
}
