/**
 * The S3 multipart commands the driver needs, over an `S3Client` from `@aws-sdk/client-s3`.
 *
 * Why not `@aws-sdk/lib-storage`'s `Upload`: it always starts a new multipart upload and cannot
 * continue an existing one, so resuming after a reload (ListParts, then only the missing parts) is
 * impossible with it. Driving CreateMultipartUpload / UploadPart / ListParts / Complete / Abort
 * ourselves also lets us read the file by `Blob.slice` and bound memory.
 *
 * Parts are sent as `Blob` slices with their CRC32 computed beforehand (in the hashing worker) and
 * given as `ChecksumCRC32`: S3 still verifies every part and Complete carries the per-part checksums,
 * the bytes never enter the JS heap, and the SDK's browser path for streaming bodies
 * (`aws-chunked`, which cannot read a Blob) is avoided.
 *
 * The SDK module is imported on first use, never in the first download.
 */
import type { S3Client } from '@aws-sdk/client-s3';

export interface SentPart {
  PartNumber: number;
  ETag: string;
  ChecksumCRC32?: string;
  Size?: number;
}

export interface MultipartApi {
  create(key: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Blob, crc32: string, signal?: AbortSignal): Promise<SentPart>;
  /** Every part S3 has for the upload (ListParts, 1,000 a page, all pages). */
  listParts(key: string, uploadId: string, signal?: AbortSignal): Promise<SentPart[]>;
  complete(key: string, uploadId: string, parts: SentPart[], signal?: AbortSignal): Promise<void>;
  abort(key: string, uploadId: string): Promise<void>;
  putJson(key: string, value: unknown, signal?: AbortSignal): Promise<void>;
  /**
   * A small JSON object (the packaging status of an upload): `missing` when it is not there (yet),
   * which S3 answers with 404, or 403 for a role that may not list the bucket; `unchanged` when its
   * ETag is still `etag`. Optional: a queue whose api lacks it does not follow packaging.
   */
  getJson?(key: string, etag?: string, signal?: AbortSignal): Promise<{ value: unknown; etag?: string } | 'missing' | 'unchanged'>;
}

type S3Module = typeof import('@aws-sdk/client-s3');
let s3Module: Promise<S3Module> | undefined;
/** `@aws-sdk/client-s3`, loaded once, on demand. */
export const loadS3 = (): Promise<S3Module> => (s3Module ??= import('@aws-sdk/client-s3'));

export async function s3MultipartApi(client: () => Promise<S3Client>, bucket: string): Promise<MultipartApi> {
  const s3 = await loadS3();
  const send = async <T>(command: unknown, signal?: AbortSignal): Promise<T> =>
    (await client()).send(command as never, signal ? { abortSignal: signal } : undefined) as Promise<T>;
  return {
    async create(key, metadata, signal) {
      const out = await send<{ UploadId?: string }>(
        new s3.CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'video/mp4', Metadata: metadata, ChecksumAlgorithm: 'CRC32' }),
        signal,
      );
      if (!out.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
      return out.UploadId;
    },
    async uploadPart(key, uploadId, partNumber, body, crc32, signal) {
      const out = await send<{ ETag?: string; ChecksumCRC32?: string }>(
        new s3.UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
          ContentLength: body.size,
          ChecksumAlgorithm: 'CRC32',
          ChecksumCRC32: crc32,
        }),
        signal,
      );
      // Without `ETag` in the bucket's CORS ExposeHeaders the browser hides it (infra/lib/cors.ts).
      if (!out.ETag) throw Object.assign(new Error('UploadPart returned no ETag: the bucket CORS must expose ETag'), { name: 'MissingETag' });
      return { PartNumber: partNumber, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 ?? crc32, Size: body.size };
    },
    async listParts(key, uploadId, signal) {
      const parts: SentPart[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await send<{
          Parts?: Array<{ PartNumber?: number; ETag?: string; Size?: number; ChecksumCRC32?: string }>;
          IsTruncated?: boolean;
          NextPartNumberMarker?: string;
        }>(new s3.ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MaxParts: 1000, PartNumberMarker: marker }), signal);
        for (const p of page.Parts ?? []) {
          if (p.PartNumber && p.ETag) parts.push({ PartNumber: p.PartNumber, ETag: p.ETag, Size: p.Size, ChecksumCRC32: p.ChecksumCRC32 });
        }
        if (!page.IsTruncated || !page.NextPartNumberMarker || page.NextPartNumberMarker === marker) break;
        marker = page.NextPartNumberMarker;
      }
      return parts;
    },
    async complete(key, uploadId, parts, signal) {
      await send(
        new s3.CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [...parts]
              .sort((a, b) => a.PartNumber - b.PartNumber)
              .map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag, ...(p.ChecksumCRC32 ? { ChecksumCRC32: p.ChecksumCRC32 } : {}) })),
          },
        }),
        signal,
      );
    },
    async abort(key, uploadId) {
      await send(new s3.AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    },
    async putJson(key, value, signal) {
      const body = new TextEncoder().encode(JSON.stringify(value, null, 2));
      await send(new s3.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }), signal);
    },
    async getJson(key, etag, signal) {
      try {
        const out = await send<{ Body?: { transformToString(): Promise<string> }; ETag?: string }>(
          new s3.GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: etag }),
          signal,
        );
        return { value: JSON.parse((await out.Body?.transformToString()) ?? 'null') as unknown, etag: out.ETag };
      } catch (e) {
        const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 304) return 'unchanged';
        if (status === 403 || status === 404) return 'missing';
        throw e;
      }
    },
  };
}
