/**
 * Server-side uploads, for clients that do not run the browser uploader (INE's News Monitoring
 * System), as plain functions the API's routes call (docs/server-uploads.md):
 *
 *   POST /v1/uploads                  createUpload       → 201 createdUploadSchema
 *   POST /v1/uploads/{id}/parts       presignUploadParts → 200 partUrlsSchema (more or fresh part URLs)
 *   POST /v1/uploads/{id}/complete    completeUpload     → 200 completedUploadSchema
 *   POST /v1/uploads/{id}/abort       abortUpload        → 200 abortedUploadSchema
 *
 * The result is exactly a browser upload: the source at `uploads/<identity>/<upload id>.mp4`, then
 * the upload manifest beside it (src/contract/upload-manifest.ts), whose creation starts packaging,
 * which verifies the declared size and SHA-256 as for any upload. The client PUTs the bytes
 * straight to S3 through presigned part URLs (throughput); the service's credentials sign them and
 * never leave it.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type Part,
  type S3Client,
} from '@aws-sdk/client-s3';
import { claimVideoId } from '../../packaging/clip-store.js';
import { UPLOAD_MANIFEST_VERSION, manifestKeyFor, type UploadManifest } from '../../src/contract/upload-manifest.js';
import { toS3Metadata } from '../../src/upload/metadata.js';
import { choosePartSize, expectedPartSize, planParts } from '../../src/upload/part-plan.js';
import { UploadsError } from './errors.js';
import { UPLOAD_LIMITS } from './limits.js';
import { presignPartUrls } from './presign-part.js';
import { parseCompleteUpload, parseCreateUpload, parsePartNumbers } from './upload-input.js';
import { uploadSessions, type UploadSession } from './upload-session.js';

/** A Cognito identity id, `<region>:<uuid>`: the only folder names `uploads/` has (packaging/record.ts). */
export const IDENTITY_ID_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The `uploads/` folder of a system client (OAuth 2.0 client credentials, no Cognito identity): a
 * name-based UUID of the client id in the identity id format packaging accepts, the same for the
 * client on every call and different for every client.
 */
export function clientIdentityId(region: string, clientId: string): string {
  const h = createHash('sha256').update(`ine-api-client:${clientId}`).digest('hex');
  const variant = (8 + (parseInt(h[16], 16) & 3)).toString(16);
  return `${region}:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Who uploads: the identity whose `uploads/` folder receives the file, and a name for the audit trail. */
export interface UploadPrincipal {
  identityId: string;
  subject: string;
}

export interface UploadContext {
  /** The service's S3 client (its credentials sign the part URLs). */
  s3: S3Client;
  bucket: string;
  now?: () => number;
  /** Smallest part wanted (default UPLOAD_LIMITS.minPartSize; never below S3's 5 MiB). */
  minPartSize?: number;
}

export interface PartUrl {
  partNumber: number;
  /** `PUT` exactly `size` bytes (bytes `start` to `end - 1` of the file) to this URL; keep the answer's ETag. */
  url: string;
  start: number;
  end: number;
  size: number;
}

export interface CreatedUpload {
  uploadId: string;
  key: string;
  partSize: number;
  partCount: number;
  /** The first parts' URLs (all of them up to UPLOAD_LIMITS.maxPartUrlsPerAnswer); the rest through presignUploadParts. */
  parts: PartUrl[];
  /** When these URLs stop working. */
  urlsExpireAt: string;
}

const notFound = (id: string) => new UploadsError(404, 'upload-not-found', `There is no upload ${id} of yours.`);

async function partUrls(ctx: UploadContext, s: UploadSession, numbers: number[], now: number): Promise<{ parts: PartUrl[]; urlsExpireAt: string }> {
  const plan = planParts(s.size, s.partSize);
  const wanted = numbers.map((n) => plan[n - 1]);
  const urls = await presignPartUrls(ctx.s3, ctx.bucket, s.key, s.s3UploadId, wanted, { expiresInSeconds: UPLOAD_LIMITS.partUrlTtlSeconds, now });
  return {
    parts: wanted.map((p, i) => ({ partNumber: p.partNumber, url: urls[i], start: p.start, end: p.end, size: p.size })),
    urlsExpireAt: new Date(now + UPLOAD_LIMITS.partUrlTtlSeconds * 1000).toISOString(),
  };
}

/** Validates the declared file, opens the multipart upload under the principal's folder and hands out part URLs. */
export async function createUpload(ctx: UploadContext, principal: UploadPrincipal, body: unknown): Promise<CreatedUpload> {
  if (!IDENTITY_ID_PATTERN.test(principal.identityId)) throw new Error(`Not an identity id: ${principal.identityId}`); // the router's mistake, not the client's
  const now = (ctx.now ?? Date.now)();
  const input = parseCreateUpload(body, now);
  const uploadId = randomBytes(16).toString('hex');
  const key = `uploads/${principal.identityId}/${uploadId}.mp4`;
  const partSize = choosePartSize(input.size, { minPartSize: ctx.minPartSize ?? UPLOAD_LIMITS.minPartSize });
  const partCount = planParts(input.size, partSize).length;
  const created = await ctx.s3.send(
    new CreateMultipartUploadCommand({
      Bucket: ctx.bucket,
      Key: key,
      ContentType: input.contentType,
      // The same S3 user metadata as a browser upload (the manifest stays the authority).
      Metadata: toS3Metadata(input.metadata, input.fileName),
    }),
  );
  const session: UploadSession = {
    uploadId,
    identityId: principal.identityId,
    createdBy: principal.subject,
    key,
    s3UploadId: created.UploadId!,
    ...input,
    partSize,
    partCount,
    createdAt: new Date(now).toISOString(),
    state: 'open',
  };
  await uploadSessions(ctx.s3, ctx.bucket).create(session);
  const first = Array.from({ length: Math.min(partCount, UPLOAD_LIMITS.maxPartUrlsPerAnswer) }, (_, i) => i + 1);
  return { uploadId, key, partSize, partCount, ...(await partUrls(ctx, session, first, now)) };
}

async function openSession(ctx: UploadContext, principal: UploadPrincipal, uploadId: string): Promise<UploadSession> {
  const s = await uploadSessions(ctx.s3, ctx.bucket).get(uploadId);
  // Somebody else's upload is answered as missing: ids are not disclosed.
  if (!s || s.identityId !== principal.identityId) throw notFound(uploadId);
  return s;
}

/** Fresh URLs for the given parts (after expiry, or beyond the first answer's). */
export async function presignUploadParts(
  ctx: UploadContext,
  principal: UploadPrincipal,
  uploadId: string,
  body: unknown,
): Promise<{ uploadId: string; parts: PartUrl[]; urlsExpireAt: string }> {
  const s = await openSession(ctx, principal, uploadId);
  if (s.state !== 'open') throw stateError(s);
  return { uploadId, ...(await partUrls(ctx, s, parsePartNumbers(body, s.partCount), (ctx.now ?? Date.now)())) };
}

const stateError = (s: UploadSession) =>
  s.state === 'aborted'
    ? new UploadsError(409, 'upload-aborted', `Upload ${s.uploadId} was aborted; create a new one.`)
    : new UploadsError(409, 'upload-completed', `Upload ${s.uploadId} is already complete (clip ${s.clipId}).`);

const bareEtag = (e: string | undefined) => (e ?? '').replace(/^W\//, '').replace(/"/g, '');

async function listAllParts(ctx: UploadContext, s: UploadSession): Promise<Map<number, Part>> {
  const out = new Map<number, Part>();
  let marker: string | undefined;
  do {
    const page = await ctx.s3.send(new ListPartsCommand({ Bucket: ctx.bucket, Key: s.key, UploadId: s.s3UploadId, PartNumberMarker: marker }));
    for (const p of page.Parts ?? []) if (p.PartNumber) out.set(p.PartNumber, p);
    marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
  } while (marker);
  return out;
}

export interface CompletedUpload {
  uploadId: string;
  key: string;
  /** The clip being made from it: `GET /v1/clips/{clipId}` (or the `clip.ready` webhook) says when it is ready. */
  clipId: string;
  state: 'completed';
}

/**
 * Checks every part against the plan (present, its size, its ETag), completes the multipart upload
 * (never over an existing object), claims the clip id and writes the upload manifest, which starts
 * packaging. Repeating a completed completion answers the same.
 */
export async function completeUpload(ctx: UploadContext, principal: UploadPrincipal, uploadId: string, body: unknown): Promise<CompletedUpload> {
  const s = await openSession(ctx, principal, uploadId);
  if (s.state === 'completed') return { uploadId, key: s.key, clipId: s.clipId!, state: 'completed' };
  if (s.state === 'aborted') throw stateError(s);
  const parts = parseCompleteUpload(body, s.partCount);
  let alreadyCompleted = false;
  let stored: Map<number, Part>;
  try {
    stored = await listAllParts(ctx, s);
  } catch (e) {
    if ((e as { name?: string }).name !== 'NoSuchUpload') throw e;
    // Completed by an earlier call that stopped before writing the manifest: the object is there.
    alreadyCompleted = await objectHasSize(ctx, s);
    if (!alreadyCompleted) throw new UploadsError(409, 'upload-aborted', `Upload ${uploadId} no longer exists on S3; create a new one.`);
    stored = new Map();
  }
  if (!alreadyCompleted) {
    for (const p of parts) {
      const got = stored.get(p.partNumber);
      const want = expectedPartSize(s.size, s.partSize, p.partNumber);
      if (!got) throw new UploadsError(409, 'upload-incomplete', `Part ${p.partNumber} has not been uploaded.`);
      if (got.Size !== want)
        throw new UploadsError(
          409,
          'upload-size-mismatch',
          `Part ${p.partNumber} has ${got.Size} bytes; the declared size of ${s.size} bytes in parts of ${s.partSize} needs ${want}. PUT it again.`,
        );
      if (bareEtag(got.ETag) !== bareEtag(p.etag))
        throw new UploadsError(
          409,
          'upload-etag-mismatch',
          `Part ${p.partNumber}'s ETag is ${got.ETag}, not ${p.etag}: it was uploaded again since.`,
        );
    }
    const extra = [...stored.keys()].filter((n) => n > s.partCount);
    if (extra.length)
      throw new UploadsError(409, 'upload-size-mismatch', `Parts beyond the ${s.partCount} planned were uploaded (${extra.slice(0, 5).join(', ')}).`);
    try {
      await ctx.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: ctx.bucket,
          Key: s.key,
          UploadId: s.s3UploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: stored.get(p.partNumber)!.ETag })) },
          IfNoneMatch: '*',
        }),
      );
    } catch (e) {
      // A concurrent completion of the same upload got there first: carry on as it did.
      if ((e as { name?: string }).name !== 'NoSuchUpload' || !(await objectHasSize(ctx, s))) throw e;
    }
  }
  const manifestKey = manifestKeyFor(s.key);
  // Claimed before the manifest exists, so the answer names the clip the packager will make.
  const clipId = await claimVideoId(ctx.s3, ctx.bucket, manifestKey);
  const manifest: UploadManifest = {
    schemaVersion: UPLOAD_MANIFEST_VERSION,
    key: s.key,
    identityId: s.identityId,
    size: s.size,
    sha256: s.sha256,
    contentType: s.contentType,
    fileName: s.fileName,
    metadata: s.metadata,
    uploadedAt: new Date((ctx.now ?? Date.now)()).toISOString(),
  };
  try {
    await ctx.s3.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: manifestKey,
        Body: JSON.stringify(manifest),
        ContentType: 'application/json',
        IfNoneMatch: '*',
      }),
    );
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 412 && status !== 409) throw e; // written by an earlier call: the same manifest
  }
  await uploadSessions(ctx.s3, ctx.bucket).update(uploadId, (cur) =>
    cur && cur.state === 'open' ? { ...cur, state: 'completed', clipId, completedAt: manifest.uploadedAt } : undefined,
  );
  return { uploadId, key: s.key, clipId, state: 'completed' };
}

async function objectHasSize(ctx: UploadContext, s: UploadSession): Promise<boolean> {
  try {
    const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: s.key }));
    return head.ContentLength === s.size;
  } catch {
    return false;
  }
}

/** Abandons an open upload: S3 drops its parts. Aborting twice answers the same; a completed upload cannot be aborted. */
export async function abortUpload(ctx: UploadContext, principal: UploadPrincipal, uploadId: string): Promise<{ uploadId: string; state: 'aborted' }> {
  const s = await openSession(ctx, principal, uploadId);
  if (s.state === 'completed') throw stateError(s);
  if (s.state === 'open') {
    try {
      await ctx.s3.send(new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: s.key, UploadId: s.s3UploadId }));
    } catch (e) {
      if ((e as { name?: string }).name !== 'NoSuchUpload') throw e;
    }
    await uploadSessions(ctx.s3, ctx.bucket).update(uploadId, (cur) => (cur && cur.state === 'open' ? { ...cur, state: 'aborted' } : undefined));
  }
  return { uploadId, state: 'aborted' };
}
