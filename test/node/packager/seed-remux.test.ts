/**
 * `npm start` on a machine without ffmpeg (simulated with INE_PACKAGER_FORCE_REMUX=1, which both the
 * seed and the packager obey): the committed 220 KB sample is uploaded, remuxed and published, and
 * plays from the CDN.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startStandIn } from '../../../server/index.ts';
import { serviceS3Client } from '../../../server/packager/index.ts';
import { SEED_MANIFEST_KEY } from '../../../server/seed.ts';
import { FALLBACK_SAMPLE } from '../../fixtures/media/make.ts';
import { assertPlayableClip } from './contract-check.ts';
import { recordFor } from './harness.ts';

test('seed without ffmpeg: the committed sample clip is remuxed and published', async () => {
  process.env.INE_PACKAGER_FORCE_REMUX = '1';
  assert.ok((await stat(fileURLToPath(FALLBACK_SAMPLE))).size <= 300 * 1024, 'the committed sample stays small');
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-seed-remux-'));
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, seed: true });
  const s3 = serviceS3Client(standIn);
  try {
    const bucket = standIn.config.bucket;
    const rec = (await recordFor({ s3, bucket }, SEED_MANIFEST_KEY))!;
    assert.equal(rec.published, true);
    await assertPlayableClip({ s3, bucket }, rec, { source: { width: 1280, height: 720 }, audio: true, packager: 'remux', published: true });
    const master = await fetch(`${standIn.urls.cdn}/media/${rec.id}/master.m3u8`);
    assert.equal(master.status, 200);
  } finally {
    s3.destroy();
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
    delete process.env.INE_PACKAGER_FORCE_REMUX;
  }
});
