// `npm run catalog:rebuild` against the real stand-in: a bucket with a format-1 catalog (and no
// fragment catalog) is converted by rebuilding from the clip records; --remove-v1 deletes the old files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { syncClipRecord } from '../../../src/catalog/sync.ts';
import { cdnFragmentSource } from '../../../src/catalog/fragments/source.ts';
import { videoRecordKey } from '../../../src/contract/video-record.ts';
import { hexId, recordFor, rng } from './generate.ts';

let standIn: StandIn;
let s3: S3Client;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ine-rebuild-'));
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: dir, packager: false, indexer: false });
  s3 = new S3Client({ region: standIn.config.region, endpoint: standIn.urls.s3, forcePathStyle: true, credentials: standIn.staticCredentials });
});

after(async () => {
  s3?.destroy();
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = async (prefix: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: standIn.config.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

test('a format-1 catalog is converted by the rebuild command; readers then see every clip', async () => {
  const r = rng(3);
  const bucket = standIn.config.bucket;
  const records = Array.from({ length: 12 }, (_, i) =>
    recordFor(hexId(r), { published: i % 4 !== 0, publishedAt: '2024-05-01T00:00:00Z', metadata: { title: `Migración ${i} zqmig` } }),
  );
  for (const rec of records) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: videoRecordKey(rec.id), Body: JSON.stringify(rec), ContentType: 'application/json' }));
    await syncClipRecord(s3, bucket, rec);
  }
  assert.ok((await keys('catalog/shards/')).length > 0);
  assert.equal(await cdnFragmentSource(standIn.urls.cdn).open(), undefined);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/catalog-rebuild.ts',
      '--endpoint',
      standIn.urls.s3,
      '--bucket',
      bucket,
      '--region',
      standIn.config.region,
      '--remove-v1',
    ],
    {
      env: {
        ...process.env,
        INE_LOCAL_ACCESS_KEY_ID: standIn.staticCredentials.accessKeyId,
        INE_LOCAL_SECRET_ACCESS_KEY: standIn.staticCredentials.secretAccessKey,
      },
    },
  );
  assert.match(stdout, /12 clip record\(s\)/);
  const cat = (await cdnFragmentSource(standIn.urls.cdn).open())!;
  assert.equal(cat.count, 9);
  const a = await cat.query({ text: 'migracion zqmig' });
  assert.equal(a.total, 9);
  assert.deepEqual(await keys('catalog/shards/'), []);
  assert.deepEqual(await keys('catalog/index.json'), []);
  assert.deepEqual(await keys('catalog/recent.json'), []);
});
