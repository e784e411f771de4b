/**
 * Jobs survive a restart. Two uploads land while no packager listens (stand-in started with
 * `packager: false`); the packager's start-up scan queues both; it is stopped while the first runs
 * and the second waits; the next start resumes both from `<dataDir>/packager/jobs/` and makes each
 * clip exactly once, with the id it was given before the stop.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startStandIn } from '../../../server/index.ts';
import { startPackager, serviceS3Client } from '../../../server/packager/index.ts';
import { makeSource } from '../../fixtures/media/make.ts';
import { assertPlayableClip } from './contract-check.ts';
import { getText, recordFor, uploadSource } from './harness.ts';
import { claimKey } from '../../../packaging/clip-store.ts';

const jobFiles = async (dataDir: string) => (await readdir(join(dataDir, 'packager', 'jobs'))).filter((n) => n.endsWith('.json'));

test('a stop mid-job leaves no half clip, and the next start resumes the running and the queued job', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-resume-'));
  const src = join(dataDir, 'src.mp4');
  await makeSource(src, { width: 1280, height: 720, seconds: 6 });
  try {
    let standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
    let s3 = serviceS3Client(standIn);
    const bucket = standIn.config.bucket;
    const first = await uploadSource({ s3, bucket }, src, { title: 'Primero' });
    const second = await uploadSource({ s3, bucket }, src, { title: 'Segundo' });

    // First life: stop as soon as the scan has queued both (the first job is then running).
    let stopping: Promise<void> | undefined;
    let onQueued!: () => void;
    const queued = new Promise<void>((r) => (onQueued = r));
    const packager = await startPackager({
      standIn,
      log: (m) => {
        if (/found 2 upload\(s\) never packaged/.test(m)) {
          stopping = packager.close();
          onQueued();
        }
      },
    });
    await queued;
    await stopping;
    assert.equal((await jobFiles(dataDir)).length, 2, 'both jobs are still on disk');
    for (const key of [first, second]) {
      const rec = await recordFor({ s3, bucket }, key);
      assert.notEqual(rec?.status, 'ready', 'an interrupted clip is never ready');
      assert.equal(rec?.master, undefined);
    }
    const firstClaim = await getText({ s3, bucket }, claimKey(first));
    s3.destroy();
    await standIn.close();

    // Second life: same data folder, new ports.
    standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
    s3 = serviceS3Client(standIn);
    const logs: string[] = [];
    const again = await startPackager({ standIn, log: (m) => logs.push(m) });
    await again.idle();
    assert.ok(
      logs.some((l) => /resuming 2 unfinished job/.test(l)),
      logs.join('\n'),
    );
    const a = (await recordFor({ s3, bucket }, first))!;
    const b = (await recordFor({ s3, bucket }, second))!;
    if (firstClaim) assert.equal(a.id, JSON.parse(firstClaim).videoId, 'the resumed job kept its clip id');
    assert.notEqual(a.id, b.id);
    assert.equal(a.metadata.title, 'Primero');
    await assertPlayableClip({ s3, bucket }, a, { source: { width: 1280, height: 720 }, audio: true, packager: 'ffmpeg' });
    await assertPlayableClip({ s3, bucket }, b, { source: { width: 1280, height: 720 }, audio: true, packager: 'ffmpeg' });
    assert.deepEqual(await jobFiles(dataDir), []);
    assert.equal(logs.filter((l) => /clip [0-9a-f]{32} ready \(ffmpeg/.test(l)).length, 2, 'each clip made once');
    await again.close();
    s3.destroy();
    await standIn.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
