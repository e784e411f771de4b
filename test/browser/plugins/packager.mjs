// Packaging in the Chromium run (see test/browser/packager/).
//
//   ine-packager-make-clip { s3Endpoint, region, bucket, credentials: { accessKeyId, secretAccessKey },
//                            width?, height?, seconds?, publish?, languages?, title? }
//     → { id, record }: makes a clip with ffmpeg, uploads it with its manifest through the stand-in's
//     S3 (the real SDK, service keys) exactly as the uploader does, waits for the stand-in's packager
//     to write the record, and publishes it (If-Match + catalog sync) unless `publish: false`.
//     `languages: true` makes a 320x240 broadcast with Spanish (default) and English audio tracks instead;
//     `captions: true` a QuickTime export with CEA-608 captions (a c608 track) and a timecode.
//   ine-packager-attach-caption { s3Endpoint, region, bucket, credentials, id, lang, label, vtt } → { record }: an
//     admin's attached caption file as it lands (the WebVTT beside the clip, a line in the record's captions).
//   ine-packager-source-mp4 { width?, height?, seconds?, fps? } → { base64 }: a small real H.264/AAC mp4 for a
//     page to upload itself (e.g. through the uploader's queue); `fps` above the packager's limit (60) makes one that fails.
//   ine-packager-wait-clip { s3Endpoint, region, bucket, credentials, manifestKey, publish? } → { id, record }:
//     waits for the packager's record of an upload manifest, publishes it unless `publish: false`.
//     The stand-in is the one test/browser/plugins/stand-in.mjs started; its address and keys come
//     from the page's /__ine__/env.json.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverSide } from './server-side.mjs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readJson(s3, bucket, key) {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await out.Body.transformToString());
  } catch (e) {
    if (e?.name === 'NoSuchKey') return undefined;
    throw e;
  }
}

/** The packager runs in the stand-in's process; wait for its record (a condition, generous limit). */
async function waitClip(s3, bucket, manifestKey, publish) {
  const { claimKey } = await serverSide();
  const { publishClip } = await serverSide();
  const deadline = Date.now() + 5 * 60_000;
  let record;
  for (;;) {
    const claim = await readJson(s3, bucket, claimKey(manifestKey));
    record = claim && (await readJson(s3, bucket, `media/${claim.videoId}/video.json`));
    if (record && record.status !== 'processing') break;
    if (Date.now() > deadline) throw new Error(`clip from ${manifestKey} not packaged in 5 minutes`);
    await sleep(500);
  }
  if (record.status !== 'ready') throw new Error(`packaging failed: ${record.failureReason}`);
  if (publish) record = await publishClip(s3, bucket, record.id);
  return { id: record.id, record };
}

async function sourceMp4({ width = 640, height = 360, seconds = 4, fps = 25 }) {
  const { makeSource } = await serverSide();
  const dir = mkdtempSync(join(tmpdir(), 'ine-wtr-packager-'));
  try {
    const file = join(dir, 'clip.mp4');
    await makeSource(file, { width, height, seconds, fps, text: 'Subida de prueba' });
    return { base64: readFileSync(file).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitClipCommand({ s3Endpoint, region, bucket, credentials, manifestKey, publish = true }) {
  const s3 = new S3Client({ region, endpoint: s3Endpoint, forcePathStyle: true, credentials });
  try {
    return await waitClip(s3, bucket, manifestKey, publish);
  } finally {
    s3.destroy();
  }
}

async function makeClip({
  s3Endpoint,
  region,
  bucket,
  credentials,
  width = 1280,
  height = 720,
  seconds = 6,
  publish = true,
  languages = false,
  captions = false,
  title = 'Prueba de reproducción',
}) {
  const { makeSource } = await serverSide();
  const { makeTwoLanguages, makeCaptioned608Mov } = await serverSide();
  const s3 = new S3Client({ region, endpoint: s3Endpoint, forcePathStyle: true, credentials });
  const dir = mkdtempSync(join(tmpdir(), 'ine-wtr-packager-'));
  try {
    const file = join(dir, 'clip.mp4');
    if (languages) await makeTwoLanguages(file, { seconds });
    else if (captions) await makeCaptioned608Mov(file, { seconds });
    else await makeSource(file, { width, height, seconds, text: 'Prueba de reproducción' });
    const body = readFileSync(file);
    const identityId = `us-east-1:${randomUUID()}`;
    const key = `uploads/${identityId}/${randomBytes(16).toString('hex')}.mp4`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'video/mp4' }));
    const manifestKey = key.replace(/\.mp4$/, '.json');
    const manifest = {
      schemaVersion: 1,
      key,
      identityId,
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      contentType: 'video/mp4',
      fileName: 'prueba.mp4',
      metadata: { title, state: 'Puebla', tags: ['prueba'] },
      uploadedAt: new Date().toISOString(),
    };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: manifestKey, Body: JSON.stringify(manifest), ContentType: 'application/json' }));
    return await waitClip(s3, bucket, manifestKey, publish);
  } finally {
    s3.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An admin's attached caption file, as it lands: the WebVTT beside the clip and a line in the record's `captions`. */
async function attachCaption({ s3Endpoint, region, bucket, credentials, id, lang, label, vtt }) {
  const { updateRecord } = await serverSide();
  const s3 = new S3Client({ region, endpoint: s3Endpoint, forcePathStyle: true, credentials });
  try {
    const uri = `captions/attached-${lang}.vtt`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `media/${id}/${uri}`, Body: vtt, ContentType: 'text/vtt' }));
    const record = await updateRecord(
      s3,
      bucket,
      id,
      (cur) => cur && { ...cur, captions: [...(cur.captions ?? []), { lang, label, uri }], updatedAt: new Date().toISOString() },
    );
    return { record };
  } finally {
    s3.destroy();
  }
}

export default [
  {
    name: 'ine-packager',
    async executeCommand({ command, payload }) {
      if (command === 'ine-packager-make-clip') return makeClip(payload ?? {});
      if (command === 'ine-packager-source-mp4') return sourceMp4(payload ?? {});
      if (command === 'ine-packager-wait-clip') return waitClipCommand(payload ?? {});
      if (command === 'ine-packager-attach-caption') return attachCaption(payload ?? {});
      return undefined;
    },
  },
];
