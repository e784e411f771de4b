/**
 * `npm start`'s sample clip: the first start packages and publishes it (playable from the CDN and
 * listed in the public catalog); a restart on the same data does not make a second one.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startStandIn } from '../../../server/index.ts';
import { serviceS3Client } from '../../../server/packager/index.ts';
import { SEED_MANIFEST_KEY } from '../../../server/seed.ts';
import { assertPlayableClip, assertValidRecord } from './contract-check.ts';
import { recordFor } from './harness.ts';

test('seed: first start publishes a playable sample clip; the next start leaves it alone', async () => {
  process.env.INE_SEED_SECONDS = '6'; // the real one is 20 s; the flow is the same
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-seed-'));
  try {
    let standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, seed: true });
    let s3 = serviceS3Client(standIn);
    const bucket = standIn.config.bucket;
    const rec = (await recordFor({ s3, bucket }, SEED_MANIFEST_KEY))!;
    assertValidRecord(rec);
    assert.equal(rec.status, 'ready');
    assert.equal(rec.published, true);
    assert.ok(rec.publishedAt);
    assert.equal(rec.metadata.title, 'Clip de muestra: conferencia de prensa');
    assert.equal(rec.metadata.state, 'Ciudad de México');
    assert.equal(rec.width, 1280);
    await assertPlayableClip({ s3, bucket }, rec, { source: { width: 1280, height: 720 }, audio: true, packager: 'ffmpeg', published: true });
    const master = await fetch(`${standIn.urls.cdn}/media/${rec.id}/master.m3u8`);
    assert.equal(master.status, 200, 'the CDN serves the published clip');
    assert.match(await master.text(), /#EXT-X-STREAM-INF/);
    s3.destroy();
    await standIn.close();

    standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, seed: true });
    s3 = serviceS3Client(standIn);
    const records = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'media/' }));
    const ids = new Set((records.Contents ?? []).map((o) => o.Key!.split('/')[1]));
    assert.deepEqual([...ids], [rec.id], 'still one clip');
    assert.deepEqual(await recordFor({ s3, bucket }, SEED_MANIFEST_KEY), rec, 'untouched');
    s3.destroy();
    await standIn.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
