/**
 * Where the index writer keeps its objects: S3 through the AWS SDK (the stand-in or AWS), or memory
 * (property tests). Every write is counted, so write amplification per edit is measured, not guessed.
 */
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { IneError, toIneError } from '../../src/internal/errors.js';

export interface PutOptions {
  cacheControl: string;
  /** Write only if the object still has this ETag; `null`: only if it does not exist. */
  ifMatch?: string | null;
}

export interface WriteStats {
  objects: number;
  bytes: number;
}

export interface ObjectStore {
  get(key: string): Promise<{ text: string; etag: string } | undefined>;
  /** Returns the new ETag; throws IneError('Conflict') when `ifMatch` fails. */
  put(key: string, text: string, opts: PutOptions): Promise<string>;
  list(prefix: string): AsyncIterable<{ key: string; lastModified: number }>;
  delete(keys: string[]): Promise<void>;
  readonly written: WriteStats;
}

export function s3Store(s3: S3Client, bucket: string): ObjectStore {
  const written = { objects: 0, bytes: 0 };
  return {
    written,
    async get(key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: 'no-store' }));
        return { text: await res.Body!.transformToString(), etag: res.ETag ?? '' };
      } catch (e) {
        const err = toIneError(e);
        if (err.code === 'NotFound') return undefined;
        throw err;
      }
    },
    async put(key, text, opts) {
      try {
        const res = await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: text,
            ContentType: 'application/json',
            CacheControl: opts.cacheControl,
            ...(opts.ifMatch === null ? { IfNoneMatch: '*' } : opts.ifMatch ? { IfMatch: opts.ifMatch } : {}),
          }),
        );
        written.objects++;
        written.bytes += Buffer.byteLength(text);
        return res.ETag ?? '';
      } catch (e) {
        throw toIneError(e);
      }
    },
    async *list(prefix) {
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) yield { key: o.Key!, lastModified: o.LastModified?.getTime() ?? 0 };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      }
    },
  };
}

/** In memory, with S3's conditional-write rules (tests, benches). */
export function memoryStore(): ObjectStore & { objects: Map<string, { text: string; etag: string; cacheControl: string; at: number }> } {
  const objects = new Map<string, { text: string; etag: string; cacheControl: string; at: number }>();
  const written = { objects: 0, bytes: 0 };
  let n = 0;
  return {
    objects,
    written,
    async get(key) {
      const o = objects.get(key);
      return o && { text: o.text, etag: o.etag };
    },
    async put(key, text, opts) {
      const cur = objects.get(key);
      if (opts.ifMatch === null && cur) throw new IneError('Conflict', `${key} exists`, undefined, 412);
      if (opts.ifMatch && cur?.etag !== opts.ifMatch) throw new IneError('Conflict', `${key} changed`, undefined, 412);
      const etag = `"${++n}"`;
      objects.set(key, { text, etag, cacheControl: opts.cacheControl, at: Date.now() });
      written.objects++;
      written.bytes += Buffer.byteLength(text);
      return etag;
    },
    async *list(prefix) {
      for (const [key, o] of [...objects]) if (key.startsWith(prefix)) yield { key, lastModified: o.at };
    },
    async delete(keys) {
      for (const k of keys) objects.delete(k);
    },
  };
}
