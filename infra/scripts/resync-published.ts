/**
 * Rebuild the CDN's published-id KeyValueStore from the clip records in the bucket:
 *   npx tsx infra/scripts/resync-published.ts --bucket <Bucket> --kvs-arn <PublishedIdsKvsArn>
 * (stack outputs). Uses the caller's AWS credentials; needs s3:ListBucket/GetObject on media/ and
 * cloudfront-keyvaluestore:DescribeKeyValueStore/PutKey/DeleteKey/ListKeys on the store.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { CloudFrontKeyValueStoreClient, ListKeysCommand } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { KeyValueStoreIds } from '../publication/published-ids.ts';
import { resyncAll } from '../publication/sync.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`--${name} is required`);
  return v;
};
const bucket = arg('bucket');
const kvsArn = arg('kvs-arn');
const kvs = new CloudFrontKeyValueStoreClient({});
const known: string[] = [];
let next: string | undefined;
do {
  const page = await kvs.send(new ListKeysCommand({ KvsARN: kvsArn, NextToken: next }));
  known.push(...(page.Items ?? []).map((i) => i.Key!).filter(Boolean));
  next = page.NextToken;
} while (next);
const outcomes = await resyncAll(new S3Client({}), bucket, new KeyValueStoreIds(kvsArn, kvs), known);
for (const o of outcomes) console.log(`${o.published ? 'published  ' : 'unpublished'} ${o.id} (${o.reason})`);
console.log(`${outcomes.filter((o) => o.published).length} published of ${outcomes.length} clips`);
