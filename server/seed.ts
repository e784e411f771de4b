/**
 * `npm start`'s sample clip: on the first start only, a 20 s (env INE_SEED_SECONDS) 1280x720 25 fps H.264/AAC clip made with
 * ffmpeg's test sources (with a title and a running clock when drawtext works) is uploaded as the
 * service role like an upload (`uploads/<seed identity>/<upload id>.mp4` + manifest), packaged by the packager,
 * and published, so the demo shows a playable clip. Without ffmpeg, the tiny committed clip
 * `test/fixtures/media/sample-720p.mp4` is used (and the packager remuxes it).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { StandIn } from './index.ts';
import { videoRecordKey, type UploadManifest } from '../src/contract/index.js';
import { claimKey, claimVideoId, readRecord, readText } from '../packaging/clip-store.js';
import { defaultLog, serviceS3Client } from './packager/index.js';
import { publishClip } from '../packaging/publish.js';
import { detectFfmpeg } from '../packaging/tools.js';
import { FALLBACK_SAMPLE, makeSource } from '../test/fixtures/media/make.js';

/** Shaped like an upload (a Cognito-style identity id, a 32-hex upload id) so it is a manifest. */
export const SEED_IDENTITY_ID = 'us-east-1:5eed5eed-0000-4000-8000-000000000000';
export const SEED_SOURCE_KEY = `uploads/${SEED_IDENTITY_ID}/5eed0000000000000000000000000000.mp4`;
export const SEED_MANIFEST_KEY = SEED_SOURCE_KEY.replace(/\.mp4$/, '.json');
/** Where data folders seeded before manifests had one exact key shape keep their sample clip. */
const EARLIER_SEED_MANIFEST_KEY = 'uploads/seed/sample.json';
/** How long to wait for the packager (a loaded 2-core machine). */
const WAIT_MS = 10 * 60_000;

export async function seedSampleClip(standIn: StandIn, log: (m: string) => void = defaultLog): Promise<void> {
  const s3 = serviceS3Client(standIn);
  const bucket = standIn.config.bucket;
  try {
    if (await readText(s3, bucket, claimKey(EARLIER_SEED_MANIFEST_KEY))) return; // seeded by an earlier version
    const already = await readText(s3, bucket, claimKey(SEED_MANIFEST_KEY));
    const id = await claimVideoId(s3, bucket, SEED_MANIFEST_KEY);
    const existing = await readRecord(s3, bucket, id);
    if (already && existing?.published) return; // seeded on an earlier start
    if (existing?.status === 'failed') return void log(`seed: the sample clip failed to package earlier (${existing.failureReason}); not retried`);

    // Woken by the record's writes (event-driven), re-checking every 30 s in case one is missed.
    const recordKey = videoRecordKey(id);
    let wake: (() => void) | undefined;
    const listener = (ev: { key: string }) => {
      if (ev.key === recordKey) wake?.();
    };
    standIn.events.on('object-created', listener);
    try {
      if (!existing) await uploadSample(standIn, log);
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const woke = new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 30_000);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        const rec = await readRecord(s3, bucket, id);
        if (rec?.status === 'ready') break;
        if (rec?.status === 'failed') return void log(`seed: the sample clip failed to package: ${rec.failureReason}`);
        if (Date.now() > deadline) return void log('seed: gave up waiting for the sample clip to be packaged');
        await woke;
      }
    } finally {
      wake?.();
      standIn.events.off('object-created', listener);
    }
    await publishClip(s3, bucket, id, log);
    log(`seed: sample clip ${id} published: ${standIn.urls.cdn}/media/${id}/master.m3u8`);
  } finally {
    s3.destroy();
  }
}

async function uploadSample(standIn: StandIn, log: (m: string) => void): Promise<void> {
  const s3 = serviceS3Client(standIn);
  const dir = await mkdtemp(join(tmpdir(), 'ine-seed-'));
  try {
    const file = join(dir, 'sample.mp4');
    if (await detectFfmpeg()) {
      log('seed: making the 20 s sample clip with ffmpeg…');
      await makeSource(file, {
        width: 1280,
        height: 720,
        seconds: Number(process.env.INE_SEED_SECONDS) || 20,
        fps: 25,
        preset: 'veryfast',
        text: 'Clip de muestra · INE',
      });
    } else {
      log('seed: ffmpeg not found; using the committed 6 s sample clip');
      await copyFile(fileURLToPath(FALLBACK_SAMPLE), file);
    }
    const body = await readFile(file);
    const bucket = standIn.config.bucket;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: SEED_SOURCE_KEY, Body: body, ContentType: 'video/mp4' }));
    const manifest: UploadManifest = {
      schemaVersion: 1,
      key: SEED_SOURCE_KEY,
      identityId: SEED_IDENTITY_ID,
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      contentType: 'video/mp4',
      fileName: 'clip-de-muestra.mp4',
      metadata: {
        title: 'Clip de muestra: conferencia de prensa',
        description: 'Clip generado para la demostración local: patrón de prueba con tono de 440 Hz.',
        outlet: 'Canal de demostración',
        program: 'Noticiero estelar',
        broadcastAt: '2027-03-01T21:00:00-06:00',
        state: 'Ciudad de México',
        tags: ['muestra', 'conferencia de prensa', 'demostración'],
      },
      uploadedAt: new Date().toISOString(),
    };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: SEED_MANIFEST_KEY, Body: JSON.stringify(manifest), ContentType: 'application/json' }));
  } finally {
    s3.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
