/**
 * The bucket as the API and the audit log use it: JSON objects read with their ETag and written
 * conditionally. One implementation over the AWS SDK's S3 client (service credentials: the
 * stand-in's service keys locally, the Lambda's role on AWS); tests may pass another.
 */
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface StoredObject {
  body: string;
  etag: string;
}

export interface PutOptions {
  /** Only if the object is still this version. */
  ifMatch?: string;
  /** `*`: only if it does not exist yet. */
  ifNoneMatch?: '*';
  contentType?: string;
  cacheControl?: string;
}

/** A conditional write lost: someone else wrote first (S3's 412, or its 409 for a concurrent one). */
export class PreconditionFailed extends Error {
  override readonly name = 'PreconditionFailed';
}

export interface ObjectStore {
  get(key: string): Promise<StoredObject | undefined>;
  /** Returns the new ETag; throws PreconditionFailed when a condition does not hold. */
  put(key: string, body: string, opts?: PutOptions): Promise<string>;
  delete(key: string): Promise<void>;
  /** Keys under `prefix` in key order, after `startAfter`, at most `max`. */
  list(prefix: string, opts?: { startAfter?: string; max?: number }): Promise<string[]>;
  /** Delete these objects (in batches). */
  deleteMany(keys: string[]): Promise<void>;
}

const status = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export function s3ObjectStore(s3: S3Client, bucket: string): ObjectStore {
  async function list(prefix: string, opts: { startAfter?: string; max?: number } = {}): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    const max = opts.max ?? Infinity;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
          ...(token ? {} : opts.startAfter ? { StartAfter: opts.startAfter } : {}),
          MaxKeys: Math.min(1000, max - out.length),
        }),
      );
      for (const o of page.Contents ?? []) out.push(o.Key!);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && out.length < max);
    return out;
  }
  return {
    async get(key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return { body: await res.Body!.transformToString(), etag: res.ETag ?? '' };
      } catch (e) {
        if ((e as Error).name === 'NoSuchKey' || status(e) === 404) return undefined;
        throw e;
      }
    },
    async put(key, body, opts = {}) {
      try {
        const res = await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            // Stated, so an empty body (an index marker) is not taken for a stream of unknown length.
            ContentLength: Buffer.byteLength(body),
            ContentType: opts.contentType ?? 'application/json',
            ...(opts.cacheControl ? { CacheControl: opts.cacheControl } : {}),
            ...(opts.ifMatch ? { IfMatch: opts.ifMatch } : {}),
            ...(opts.ifNoneMatch ? { IfNoneMatch: opts.ifNoneMatch } : {}),
          }),
        );
        return res.ETag ?? '';
      } catch (e) {
        if (status(e) === 412 || status(e) === 409) throw new PreconditionFailed(`${key}: ${(e as Error).name}`, { cause: e });
        throw e;
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    list,
    async deleteMany(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        const res = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
        if (res.Errors?.length) throw new Error(`Deleting ${res.Errors[0]!.Key}: ${res.Errors[0]!.Code} ${res.Errors[0]!.Message}`);
      }
    },
  };
}
