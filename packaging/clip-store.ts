/**
 * Everything packaging reads and writes in the bucket, through the real AWS SDK: the same code
 * runs in the local stand-in (against its S3) and in the AWS Lambda handlers (infra/packaging).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MAX_ATTEMPTS, backoffMs, readJson, writeJsonIf } from '../src/catalog/s3-json.js';
import { videoRecordKey, type VideoRecord } from '../src/contract/index.js';
import { IneError, toIneError } from '../src/internal/errors.js';
import { PackagingFailure } from './errors.js';
import { sha256Hex } from '../core/audit/intent.ts';
import type { AuditLog } from '../core/audit/log.ts';
import { newVideoId } from './record.js';
import { writeUploadStatus } from './upload-status.js';

/** Clip files are immutable under their unguessable id; records and playlists change rarely. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const RECORD_CACHE_CONTROL = 'public, max-age=10';

const TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  jpg: 'image/jpeg',
  vtt: 'text/vtt; charset=utf-8',
  json: 'application/json',
};
export const contentTypeOf = (file: string): string => TYPES[file.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';

/** Reads an object as text; undefined when it does not exist. */
export async function readText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await res.Body!.transformToString();
  } catch (e) {
    if (toIneError(e).code === 'NotFound') return undefined;
    throw e;
  }
}

/** Private key mapping one upload manifest to its clip, so repeated events and restarts never make two clips. */
export const claimKey = (manifestKey: string): string => `packaging/claims/${createHash('sha256').update(manifestKey).digest('hex')}.json`;

export interface Claim {
  manifestKey: string;
  videoId: string;
  claimedAt: string;
}

/** The clip id of an upload: created once (If-None-Match: *), read back ever after. */
export async function claimVideoId(s3: S3Client, bucket: string, manifestKey: string): Promise<string> {
  const key = claimKey(manifestKey);
  const existing = await readJson<Claim>(s3, bucket, key);
  if (existing) return existing.value.videoId;
  const claim: Claim = { manifestKey, videoId: newVideoId(), claimedAt: new Date().toISOString() };
  try {
    await writeJsonIf(s3, bucket, key, claim, undefined);
    return claim.videoId;
  } catch (e) {
    if (toIneError(e).code !== 'Conflict') throw e;
    return (await readJson<Claim>(s3, bucket, key))!.value.videoId; // someone claimed it first
  }
}

export const readRecord = async (s3: S3Client, bucket: string, id: string) => (await readJson<VideoRecord>(s3, bucket, videoRecordKey(id)))?.value;

/**
 * Read-modify-write of a clip record (If-Match / If-None-Match, retried on 412, so an admin edit made
 * meanwhile is never lost), then the uploader's status (upload-status.ts). `apply` returns undefined to
 * leave it as it is. The catalog follows the record by itself: the indexer (core/index; the stand-in's
 * queue, the indexer Lambda on AWS) is fed every record change, so packaging never writes the catalog.
 * A packaging result (ready / failed) is journalled before the write and committed after it, with a
 * probe of the record (core/audit/intent.ts), so a packager stopped between the two loses no entry.
 */
export async function updateRecord(
  s3: S3Client,
  bucket: string,
  id: string,
  apply: (current: VideoRecord | undefined) => VideoRecord | undefined,
  log: (m: string) => void = () => {},
  audit?: Pick<AuditLog, 'intend'>,
): Promise<VideoRecord | undefined> {
  const key = videoRecordKey(id);
  for (let attempt = 0; ; attempt++) {
    const current = await readRecordText(s3, bucket, key);
    const before = current && (JSON.parse(current.text) as VideoRecord);
    const next = apply(before);
    if (next === undefined) return before;
    const body = JSON.stringify(next);
    const intent =
      audit && isPackagingResult(before, next)
        ? await audit.intend(
            { actor: PACKAGER_ACTOR, action: 'packaging.result', clipId: id, before: before ?? null, after: next },
            { key, sha256Before: current ? sha256Hex(current.text) : null, sha256After: sha256Hex(body) },
          )
        : undefined;
    try {
      await writeJsonIf(s3, bucket, key, next, current?.etag, { cacheControl: RECORD_CACHE_CONTROL });
    } catch (e) {
      await intent?.abandon();
      const err = toIneError(e);
      if (err.code !== 'Conflict') throw err;
      if (attempt + 1 >= MAX_ATTEMPTS)
        throw new IneError('Conflict', `Gave up writing ${key} after ${MAX_ATTEMPTS} conflicting attempts`, e, err.status);
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      continue;
    }
    await intent?.commit();
    await writeUploadStatus(s3, bucket, next, log);
    return next;
  }
}

/** The record's stored text (what the probe hashes) and ETag; undefined when absent. */
async function readRecordText(s3: S3Client, bucket: string, key: string): Promise<{ text: string; etag: string } | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: 'no-store' }));
    return { text: await res.Body!.transformToString(), etag: res.ETag ?? '' };
  } catch (e) {
    if (toIneError(e).code === 'NotFound') return undefined;
    throw e;
  }
}

/** Who the audit log names for packaging: the platform itself. */
export const PACKAGER_ACTOR = { sub: 'packager', role: 'service' } as const;

/** A packaging result: the record became ready or failed (not the processing steps before). */
const isPackagingResult = (before: VideoRecord | undefined, after: VideoRecord) =>
  (after.status === 'ready' || after.status === 'failed') && (before?.status !== after.status || before.updatedAt !== after.updatedAt);

/** Passes bytes through while hashing them (SHA-256) and counting them. */
export function hashingStream(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return Object.assign(t, { digest: () => ({ sha256: hash.digest('hex'), size }) });
}

async function getBody(s3: S3Client, bucket: string, key: string): Promise<Readable> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return res.Body as Readable;
  } catch (e) {
    if (toIneError(e).code === 'NotFound')
      throw new PackagingFailure('source-missing', `The uploaded file ${key} does not exist (it was deleted, or the upload never completed).`);
    throw e;
  }
}

/** Streams the source to a local file, hashing it on the way (one pass, constant memory). */
export async function downloadAndHash(
  s3: S3Client,
  bucket: string,
  key: string,
  dest: string,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const h = hashingStream();
  await pipeline(await getBody(s3, bucket, key), h, createWriteStream(dest), signal ? { signal } : {});
  return h.digest();
}

/** Streams the source through SHA-256 without keeping it (the Lambda: no disk needed). */
export async function hashObject(s3: S3Client, bucket: string, key: string): Promise<{ sha256: string; size: number }> {
  const h = hashingStream();
  await pipeline(await getBody(s3, bucket, key), h, async (src: AsyncIterable<Buffer>) => {
    for await (const _ of src);
  });
  return h.digest();
}

/** Fails the job when the source is not the file that was uploaded. */
export function assertSourceMatches(expected: { sha256: string; size: number }, actual: { sha256: string; size: number }): void {
  if (actual.size !== expected.size) {
    throw new PackagingFailure(
      'size-mismatch',
      `The stored file is ${actual.size} bytes but the upload recorded ${expected.size}; it may be incomplete. Upload it again.`,
    );
  }
  if (actual.sha256 !== expected.sha256) {
    throw new PackagingFailure(
      'checksum-mismatch',
      `The file's SHA-256 checksum (${actual.sha256}) does not match the one recorded at upload (${expected.sha256}); it was altered or damaged. Upload it again.`,
    );
  }
}

/** Uploads output files (relative paths under `dir`) to `<prefix><path>`, a few at a time. */
export async function uploadFiles(
  s3: S3Client,
  bucket: string,
  prefix: string,
  dir: string,
  files: string[],
  parallel = 4,
  signal?: AbortSignal,
  /** After each file: how many are stored, of how many. */
  onStored?: (stored: number, total: number) => void,
): Promise<number> {
  let next = 0;
  let stored = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < files.length) {
      signal?.throwIfAborted();
      const f = files[next++];
      const body = await readFile(join(dir, f));
      bytes += body.length;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: prefix + f,
          Body: body,
          ContentType: contentTypeOf(f),
          CacheControl: f.endsWith('.json') ? RECORD_CACHE_CONTROL : IMMUTABLE,
        }),
        { abortSignal: signal },
      );
      onStored?.(++stored, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  return bytes;
}
