/**
 * Writes a clip's provenance manifest (docs/integrity-provenance.md) after its renditions are in
 * the bucket and before its `ready` record: every covered file of `media/<id>/` is read back from
 * storage and hashed (so what is signed is what the CDN will serve, whoever wrote it: ffmpeg's
 * upload here, MediaConvert on AWS), then the manifest is signed and written. The same code runs in
 * the stand-in's packager and in the AWS Lambda that finishes a MediaConvert job.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { UploadManifest } from '../src/contract/index.js';
import {
  PROVENANCE_FILE,
  PROVENANCE_JWKS_PATH,
  PROVENANCE_VERSION,
  isProvenanceCovered,
  type FlattenedJws,
  type ProvenancePayload,
} from '../src/contract/provenance.js';
import type { JsonWebKeySet } from '../core/auth/signing-keys.ts';
import { publishJwks } from '../core/keys/publish-jwks.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { RECORD_CACHE_CONTROL } from './clip-store.js';
import { signProvenance, type ProvenanceSigner } from './provenance-signer.js';

async function sha256OfObject(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<string> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
  const hash = createHash('sha256');
  for await (const chunk of res.Body as Readable) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function listCovered(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key && isProvenanceCovered(o.Key.slice(prefix.length))) out.push(o.Key.slice(prefix.length));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort();
}

export interface ProvenanceInput {
  videoId: string;
  manifest: Pick<UploadManifest, 'sha256' | 'size' | 'uploadedAt'>;
  packager: string;
  /** Default: now. */
  packagedAt?: Date;
}

/** Hashes the clip's covered files in storage, signs the manifest and writes `media/<id>/provenance.json`. */
export async function writeProvenance(
  s3: S3Client,
  bucket: string,
  input: ProvenanceInput,
  signer: ProvenanceSigner,
  opts: { parallel?: number; signal?: AbortSignal } = {},
): Promise<{ payload: ProvenancePayload; jws: FlattenedJws }> {
  const prefix = `media/${input.videoId}/`;
  const paths = await listCovered(s3, bucket, prefix);
  if (!paths.some((p) => p.endsWith('.m3u8'))) throw new Error(`${prefix} holds no playlist to sign`);
  const files: Record<string, string> = {};
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const p = paths[next++]!;
      files[p] = await sha256OfObject(s3, bucket, prefix + p, opts.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel ?? 8, paths.length) }, worker));
  const payload: ProvenancePayload = {
    schemaVersion: PROVENANCE_VERSION,
    videoId: input.videoId,
    source: { sha256: input.manifest.sha256, size: input.manifest.size, uploadedAt: input.manifest.uploadedAt },
    packagedAt: (input.packagedAt ?? new Date()).toISOString(),
    packager: input.packager,
    // Sorted by path: the same clip always signs the same bytes.
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  const jws = await signProvenance(payload, signer);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: prefix + PROVENANCE_FILE,
      Body: JSON.stringify(jws),
      ContentType: 'application/json',
      CacheControl: RECORD_CACHE_CONTROL,
    }),
    { abortSignal: opts.signal },
  );
  return { payload, jws };
}

/** Publishes the provenance keys at `keys/provenance-jwks.json` (served by the CDN; core/keys/publish-jwks.ts). */
export const publishProvenanceJwks = (s3: S3Client, bucket: string, signer: ProvenanceSigner): Promise<JsonWebKeySet> =>
  publishJwks(s3ObjectStore(s3, bucket), PROVENANCE_JWKS_PATH, signer);
