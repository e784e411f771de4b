/**
 * Lambda entry: the catalog indexer on AWS, the one writer of the fragment catalog (core/index).
 * Fed by an SQS FIFO queue with a single message group, so changes arrive one batch at a time and in
 * order; each message is an EventBridge "Object Created" / "Object Deleted" event of a clip record
 * (`media/<id>/video.json`). The record is read as it is now (re-applying is harmless), then
 * `upsert` or `remove`, then the uploader's status document (core/index/upload-status.ts). On a failure the rest of the batch is reported failed, so nothing after it
 * overtakes it; SQS retries, then moves it to the dead-letter queue. Environment: `BUCKET`.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createCatalogWriter, s3Store } from '../../core/index/index.ts';
import { readClipRecord } from '../../core/index/records.ts';
import { syncUploadStatus } from '../../core/index/upload-status.ts';
import { clipIdOfEvent } from './events.ts';

const s3 = new S3Client({});
const bucket = process.env.BUCKET ?? '';
const writer = createCatalogWriter(s3Store(s3, bucket));

interface SqsEventLike {
  Records: Array<{ messageId: string; body: string }>;
}

export async function handler(event: SqsEventLike): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const records = event.Records;
  for (let i = 0; i < records.length; i++) {
    try {
      const id = clipIdOfEvent(records[i].body, bucket);
      if (!id) continue;
      const record = await readClipRecord(s3, bucket, id);
      if (record) {
        await writer.upsert(record);
        // The uploader's status follows the record (publication included).
        await syncUploadStatus(s3, bucket, record, (m) => console.warn(JSON.stringify({ msg: m })));
      } else await writer.remove(id);
      console.log(JSON.stringify({ msg: 'catalog indexed', id, action: record ? 'upsert' : 'remove', ...writer.lastEdit }));
    } catch (e) {
      console.error(JSON.stringify({ msg: 'catalog index failed', messageId: records[i].messageId, error: (e as Error).message }));
      return { batchItemFailures: records.slice(i).map((r) => ({ itemIdentifier: r.messageId })) };
    }
  }
  return { batchItemFailures: [] };
}
