/** Shared setup of the packager tests: a real stand-in on random ports, the packager, the real SDK. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { startPackager, serviceS3Client, type Packager } from '../../../server/packager/index.ts';
import { claimKey } from '../../../server/packager/clip-store.ts';
import type { UploadManifest, VideoRecord } from '../../../src/contract/index.ts';

export interface Harness {
  standIn: StandIn;
  packager: Packager;
  s3: S3Client;
  bucket: string;
  dataDir: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(opts: { mode?: 'auto' | 'remux'; dataDir?: string; startPackager?: boolean } = {}): Promise<Harness> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ine-packager-')));
  const logs: string[] = [];
  const log = (m: string) => {
    logs.push(m);
    if (process.env.INE_PACKAGER_VERBOSE === '1') console.log(m);
  };
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, log: () => {} });
  const packager = opts.startPackager === false ? { idle: async () => {}, close: async () => {} } : await startPackager({ standIn, log, mode: opts.mode });
  const s3 = serviceS3Client(standIn);
  return {
    standIn,
    packager,
    s3,
    bucket: standIn.config.bucket,
    dataDir,
    logs,
    async close() {
      await packager.close();
      await standIn.close();
      s3.destroy();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const sha256Of = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

/** Puts a source and its manifest like the uploader does; returns the manifest key. */
export async function uploadSource(
  h: Pick<Harness, 's3' | 'bucket'>,
  file: string,
  opts: { title?: string; sha256?: string; identityId?: string } = {},
): Promise<string> {
  const identityId = opts.identityId ?? `us-east-1:${randomUUID()}`;
  const uploadId = randomBytes(16).toString('hex');
  const key = `uploads/${identityId}/${uploadId}.mp4`;
  const body = await readFile(file);
  await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: key, Body: body, ContentType: 'video/mp4' }));
  const manifest: UploadManifest = {
    schemaVersion: 1,
    key,
    identityId,
    size: body.length,
    sha256: opts.sha256 ?? createHash('sha256').update(body).digest('hex'),
    contentType: 'video/mp4',
    fileName: file.split('/').pop()!,
    metadata: {
      title: opts.title ?? 'Prueba de empaquetado',
      outlet: 'Canal de prueba',
      program: 'Noticiero',
      broadcastAt: '2027-03-01T20:30:00-06:00',
      state: 'Jalisco',
      tags: ['prueba', 'empaquetado'],
    },
    uploadedAt: new Date().toISOString(),
  };
  const manifestKey = key.replace(/\.mp4$/, '.json');
  await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: manifestKey, Body: JSON.stringify(manifest), ContentType: 'application/json' }));
  return manifestKey;
}

export async function getText(h: Pick<Harness, 's3' | 'bucket'>, key: string): Promise<string | undefined> {
  try {
    const r = await h.s3.send(new GetObjectCommand({ Bucket: h.bucket, Key: key }));
    return await r.Body!.transformToString();
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
    throw e;
  }
}

export async function getBytes(h: Pick<Harness, 's3' | 'bucket'>, key: string): Promise<Uint8Array> {
  const r = await h.s3.send(new GetObjectCommand({ Bucket: h.bucket, Key: key }));
  return r.Body!.transformToByteArray();
}

/** The clip made from an upload manifest (via its claim), and its record. */
export async function recordFor(h: Pick<Harness, 's3' | 'bucket'>, manifestKey: string): Promise<VideoRecord | undefined> {
  const claim = await getText(h, claimKey(manifestKey));
  if (!claim) return undefined;
  const { videoId } = JSON.parse(claim) as { videoId: string };
  const rec = await getText(h, `media/${videoId}/video.json`);
  return rec ? (JSON.parse(rec) as VideoRecord) : undefined;
}
