/**
 * JSON documents in S3 read with their ETag and written conditionally (docs/catalog.md, conflict handling): `If-Match` on the
 * ETag read, `If-None-Match: *` to create. A 412 (or S3's 409 for a concurrent conditional write)
 * means someone else wrote in between: `updateJson` re-reads and re-applies, with bounded retries
 * and jittered backoff. DOM-free; works with any S3Client (browser with Cognito credentials, or Node).
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { IneError, toIneError } from '../internal/errors.js';

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Read a JSON object with its ETag; `undefined` when it does not exist. */
export async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<Versioned<T> | undefined> {
  try {
    // The objects carry CDN cache headers (shards: a year); S3 would send them back and a browser
    // would then answer later reads from its cache, stale. Conditional writes need the latest ETag.
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: 'no-store' }));
    const text = await res.Body!.transformToString();
    return { value: JSON.parse(text) as T, etag: res.ETag ?? '' };
  } catch (e) {
    const err = toIneError(e);
    if (err.code === 'NotFound') return undefined;
    throw err;
  }
}

export interface WriteOptions {
  /** `Cache-Control` stored with the object (the CDN passes it on). */
  cacheControl?: string;
}

/**
 * Write a JSON object only if it is still the version read (`etag`), or only if it does not exist
 * yet (`etag` undefined). Returns the new ETag; throws `IneError('Conflict')` on 412/409.
 */
export async function writeJsonIf<T>(
  s3: S3Client,
  bucket: string,
  key: string,
  value: T,
  etag: string | undefined,
  opts: WriteOptions = {},
): Promise<string> {
  try {
    const res = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: JSON.stringify(value),
        ContentType: 'application/json',
        ...(opts.cacheControl ? { CacheControl: opts.cacheControl } : {}),
        ...(etag ? { IfMatch: etag } : { IfNoneMatch: '*' }),
      }),
    );
    return res.ETag ?? '';
  } catch (e) {
    throw toIneError(e);
  }
}

/**
 * Enough for a burst of dozens of writers on one manifest (each round lets at least one through);
 * in normal use a write succeeds first time (clips change seconds apart).
 */
export const MAX_ATTEMPTS = 50;

/** Random wait before retry `attempt` (full jitter, capped): spreads out writers that collided. */
export function backoffMs(attempt: number): number {
  return Math.floor(Math.random() * Math.min(1000, 20 * 2 ** attempt));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Read-modify-write with optimistic concurrency. `apply` gets the current value (or undefined when
 * absent) and returns the next value, or `undefined` to leave the object as it is (nothing to do).
 * Retries on Conflict; any other error is thrown.
 */
export async function updateJson<T>(
  s3: S3Client,
  bucket: string,
  key: string,
  apply: (current: T | undefined) => T | undefined,
  opts: WriteOptions = {},
): Promise<{ value: T | undefined; written: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const current = await readJson<T>(s3, bucket, key);
    const next = apply(current?.value);
    if (next === undefined) return { value: current?.value, written: false };
    try {
      await writeJsonIf(s3, bucket, key, next, current?.etag, opts);
      return { value: next, written: true };
    } catch (e) {
      const err = toIneError(e);
      if (err.code !== 'Conflict') throw err;
      if (attempt + 1 >= MAX_ATTEMPTS)
        throw new IneError('Conflict', `Gave up writing ${key} after ${MAX_ATTEMPTS} conflicting attempts`, e, err.status);
      await sleep(backoffMs(attempt));
    }
  }
}
