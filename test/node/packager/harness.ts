/** Shared setup of the packager tests: a real stand-in on random ports, the packager, the real SDK. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { startPackager, serviceS3Client, type Packager } from '../../../server/packager/index.ts';
import { claimKey } from '../../../packaging/clip-store.ts';
import type { PackagingLimits } from '../../../packaging/limits.ts';
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

export async function startHarness(
  opts: { mode?: 'auto' | 'remux'; dataDir?: string; startPackager?: boolean; limits?: Partial<PackagingLimits>; concurrency?: number } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ine-packager-')));
  const logs: string[] = [];
  const log = (m: string) => {
    logs.push(m);
    if (process.env.INE_PACKAGER_VERBOSE === '1') console.log(m);
  };
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, log: () => {} });
  const packager =
    opts.startPackager === false
      ? { idle: async () => {}, close: async () => {} }
      : await startPackager({ standIn, log, mode: opts.mode, limits: opts.limits, concurrency: opts.concurrency });
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

export const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

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

/** Resolves once `check` returns a value (checked every 50 ms), or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An ffmpeg that notes each run (its pid and arguments, one line each) in `log` before becoming the
 * real ffmpeg (exec keeps the pid): tests can see whether and when the packager encoded a clip, and
 * whether that process is still alive. Point INE_FFMPEG_PATH at the returned path before the
 * packager starts.
 */
export async function recordingFfmpeg(dir: string): Promise<{ path: string; runs: () => Promise<{ pid: number; args: string }[]> }> {
  const real = await new Promise<string>((resolve, reject) =>
    execFile('sh', ['-c', 'command -v "${INE_FFMPEG_PATH:-ffmpeg}"'], (e, out) => (e ? reject(e) : resolve(out.trim()))),
  );
  const path = join(dir, 'ffmpeg-recording');
  const log = join(dir, 'ffmpeg-runs.log');
  await writeFile(path, `#!/bin/sh\necho "$$ $*" >> '${log}'\nexec '${real}' "$@"\n`);
  await chmod(path, 0o755);
  await writeFile(log, '');
  return {
    path,
    runs: async () =>
      (await readFile(log, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => ({ pid: Number(l.slice(0, l.indexOf(' '))), args: l.slice(l.indexOf(' ') + 1) })),
  };
}

/** The clip id an upload manifest was given (its claim). */
export async function clipIdFor(h: Pick<Harness, 's3' | 'bucket'>, manifestKey: string): Promise<string | undefined> {
  const claim = await getText(h, claimKey(manifestKey));
  return claim ? (JSON.parse(claim) as { videoId: string }).videoId : undefined;
}
