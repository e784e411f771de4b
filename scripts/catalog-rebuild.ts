/**
 * `npm run catalog:rebuild -- [--endpoint URL] [--bucket NAME] [--region R] [--remove-v1] [--sweep]`
 *
 * Builds both catalog collections (public `catalog/`, private `index/`) from the clip records
 * (`media/<id>/video.json`) in one commit per collection, through the real AWS SDK: against the
 * local stand-in (`--endpoint http://127.0.0.1:4566`, its static keys from INE_LOCAL_ACCESS_KEY_ID /
 * INE_LOCAL_SECRET_ACCESS_KEY or their defaults) or AWS (no endpoint: the default credential chain).
 * This is also the migration from the format-1 catalog (index.json, shards/, recent.json): the new
 * format is derived from the records alone; `--remove-v1` then deletes the format-1 files. `--sweep`
 * deletes fragments no longer reachable (older than 10 minutes). Stop the indexer's queue or let it
 * run: a change it commits meanwhile makes this rebuild's root switch fail, and it is re-run.
 */
import { parseArgs } from 'node:util';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createCatalogWriter, s3Store } from '../core/index/index.ts';
import { readAllRecords } from '../core/index/records.ts';
import { resolveSettings } from '../server/config.ts';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    bucket: { type: 'string' },
    region: { type: 'string' },
    'remove-v1': { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
  },
});

const local = resolveSettings({});
const endpoint = values.endpoint;
const s3 = new S3Client({
  region: values.region ?? process.env.AWS_REGION ?? local.region,
  ...(endpoint ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: local.accessKeyId, secretAccessKey: local.secretAccessKey } } : {}),
});
const bucket = values.bucket ?? (endpoint ? local.bucket : undefined);
if (!bucket) {
  console.error('catalog:rebuild: --bucket is required against AWS');
  process.exit(2);
}

const t0 = Date.now();
const records = await readAllRecords(s3, bucket);
const writer = createCatalogWriter(s3Store(s3, bucket));
const stats = await writer.rebuild(records);
console.log(
  `catalog:rebuild: ${records.length} clip record(s) → ${stats.objects} object(s), ${(stats.bytes / 1024).toFixed(0)} KB, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

if (values['remove-v1']) {
  let removed = 0;
  for (const c of ['catalog', 'index']) {
    const keys = [`${c}/index.json`, ...(c === 'catalog' ? ['catalog/recent.json'] : [])];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${c}/shards/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) keys.push(o.Key!);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    removed += keys.length;
  }
  console.log(`catalog:rebuild: removed ${removed} format-1 file(s)`);
}
if (values.sweep) console.log(`catalog:rebuild: swept ${await writer.sweep()} unreachable fragment(s)`);
s3.destroy();
