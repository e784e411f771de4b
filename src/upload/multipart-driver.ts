/**
 * Uploads one file by S3 multipart: resume or create the upload, send the missing parts in
 * parallel (each read by `Blob.slice`, its CRC32 computed in the hashing worker), complete it,
 * then write the upload manifest with the whole file's SHA-256. DOM-free: the queue supplies the
 * S3 calls, credentials, hashing, resume store and network status.
 */
import type { ClipMetadata } from '../contract/video-record.js';
import { manifestKeyFor, UPLOAD_MANIFEST_VERSION, type UploadManifest } from '../contract/upload-manifest.js';
import { IneError } from '../internal/errors.js';
import { fingerprint, randomUploadId, type FileLike } from './fingerprint.js';
import type { Hasher } from './hasher.js';
import { toS3Metadata } from './metadata.js';
import { expectedPartSize, planParts, type PlannedPart } from './part-plan.js';
import type { ResumeStore } from './resume-store.js';
import { classify, withRetries, type RetryHooks, type RetryPolicy } from './retry.js';
import type { MultipartApi, SentPart } from './s3-multipart.js';

/** What the driver needs from the page's credentials (`sharedCredentials()` fits). */
export interface CredentialsLike {
  identityId(): Promise<string>;
  role(): Promise<string | undefined>;
  invalidate(): void;
}

/** State of one file's upload that survives pauses (kept on the queue item). */
export interface UploadSession {
  fingerprint?: string;
  key?: string;
  uploadId?: string;
  partSize: number;
  createdAt?: string;
  /** Parts S3 has acknowledged, by part number. */
  done: Map<number, SentPart>;
  /** Whether this upload continued one found in the resume store. */
  resumed: boolean;
  sha?: Promise<string>;
  hashAbort?: AbortController;
  hashed: number;
  /** Parts and bytes sent by this page (resume tests and the bench count re-sent bytes with them). */
  partsSent: number;
  bytesSent: number;
  /** Per-part CRC32s, computed (or being computed) ahead of sending. */
  crc: Map<number, Promise<string>>;
  /** The SHA-256 pass that is still reading and handing out per-part CRC32s, if any. */
  hashing?: Promise<string>;
  /** Parts waiting for the CRC32 the SHA-256 pass will hand out when its read passes them. */
  crcFromHash: Map<number, { part: PlannedPart; resolve(crc: string | Promise<string>): void }>;
  /** Parts whose CRC32 was computed by reading them a second time (the bench and tests count them). */
  crcReads: number;
}

export const newSession = (partSize: number): UploadSession => ({
  partSize,
  done: new Map(),
  resumed: false,
  hashed: 0,
  partsSent: 0,
  bytesSent: 0,
  crc: new Map(),
  crcFromHash: new Map(),
  crcReads: 0,
});

export interface DriverContext {
  file: FileLike & Blob;
  metadata: ClipMetadata;
  bucket: string;
  concurrency: number;
  session: UploadSession;
  api: MultipartApi;
  credentials: CredentialsLike;
  store: ResumeStore;
  hasher: Hasher;
  /** Upload progress of part bodies in flight, when the client's handler reports it. */
  progress?: { track(body: Blob, onProgress: (sent: number) => void): () => void };
  signal: AbortSignal;
  policy: RetryPolicy;
  isOnline(): boolean;
  waitOnline(signal: AbortSignal): Promise<void>;
  on: {
    /** The multipart upload exists (created or resumed); parts are about to flow. */
    begin(info: { key: string; resumed: boolean; alreadySent: number }): void;
    partDone(part: PlannedPart): void;
    /** Bytes of `part` sent so far in the current attempt (0: the attempt ended). */
    partProgress?(part: PlannedPart, sent: number): void;
    wait(reason: 'offline' | 'backoff', ms: number, error: IneError): void;
    hashed(bytes: number): void;
    finishing(): void;
  };
}

export interface DriverResult {
  key: string;
  size: number;
  sha256: string;
  manifest: UploadManifest;
}

export async function runMultipart(ctx: DriverContext): Promise<DriverResult> {
  try {
    return await attempt(ctx);
  } catch (e) {
    // The multipart upload vanished (expired by a lifecycle rule, aborted elsewhere): start over
    // cleanly, once, with a new key.
    if (classify(e).code !== 'NoSuchUpload' || ctx.signal.aborted) throw e;
    await forget(ctx);
    return attempt(ctx);
  }
}

async function forget(ctx: DriverContext): Promise<void> {
  const s = ctx.session;
  if (s.fingerprint) await ctx.store.delete(s.fingerprint);
  s.key = s.uploadId = undefined;
  s.done.clear();
  s.resumed = false;
}

function hooks(ctx: DriverContext, signal = ctx.signal): RetryHooks {
  return {
    signal,
    policy: ctx.policy,
    invalidateCredentials: () => ctx.credentials.invalidate(),
    isOnline: ctx.isOnline,
    waitOnline: ctx.waitOnline,
    onWait: ctx.on.wait,
  };
}

async function attempt(ctx: DriverContext): Promise<DriverResult> {
  const s = ctx.session;
  const { file } = ctx;
  if (!s.uploadId) await open(ctx);
  ctx.on.begin({ key: s.key!, resumed: s.resumed, alreadySent: [...s.done.values()].reduce((n, p) => n + (p.Size ?? 0), 0) });
  startHash(ctx);

  const missing = planParts(file.size, s.partSize).filter((p) => !s.done.has(p.partNumber));
  await sendAll(ctx, missing);

  ctx.on.finishing();
  const h = hooks(ctx);
  await withRetries(h, () => ctx.api.complete(s.key!, s.uploadId!, [...s.done.values()], ctx.signal));
  let sha256: string;
  try {
    sha256 = await s.sha!;
  } catch (e) {
    s.sha = undefined;
    throw e;
  }
  const identityId = s.key!.split('/')[1];
  const manifest: UploadManifest = {
    schemaVersion: UPLOAD_MANIFEST_VERSION,
    key: s.key!,
    identityId,
    size: file.size,
    sha256,
    contentType: 'video/mp4',
    fileName: file.name,
    metadata: ctx.metadata,
    uploadedAt: new Date().toISOString(),
  };
  // The upload is complete on S3 now: from here on, a NoSuchUpload must not restart it.
  await withRetries(h, () => ctx.api.putJson(manifestKeyFor(s.key!), manifest, ctx.signal));
  if (s.fingerprint) await ctx.store.delete(s.fingerprint);
  return { key: s.key!, size: file.size, sha256, manifest };
}

/** Continue the upload the resume store remembers for this file, or create a new one. */
async function open(ctx: DriverContext): Promise<void> {
  const s = ctx.session;
  const { file } = ctx;
  // Never send anything for a role that may not upload (the host's backend said so).
  if ((await ctx.credentials.role()) === 'viewer') throw new IneError('UploadNotAllowed', 'The signed-in role may not upload');
  s.fingerprint ??= await fingerprint(file);
  const h = hooks(ctx);
  const rec = await ctx.store.get(s.fingerprint);
  if (rec && rec.bucket === ctx.bucket && rec.size === file.size && rec.partSize > 0) {
    try {
      const listed = await withRetries(h, () => ctx.api.listParts(rec.key, rec.uploadId, ctx.signal));
      s.key = rec.key;
      s.uploadId = rec.uploadId;
      s.partSize = rec.partSize;
      s.createdAt = rec.createdAt;
      s.done.clear();
      // Keep only parts whose size matches the plan; any other is sent again (and replaced).
      for (const p of listed) {
        if (p.Size === expectedPartSize(file.size, rec.partSize, p.PartNumber)) s.done.set(p.PartNumber, p);
      }
      s.resumed = true;
      return;
    } catch (e) {
      if (classify(e).code !== 'NoSuchUpload' && classify(e).code !== 'NotFound') throw e;
      await ctx.store.delete(s.fingerprint);
    }
  }
  const identityId = await ctx.credentials.identityId();
  const key = `uploads/${identityId}/${randomUploadId()}.mp4`;
  let uploadId: string;
  try {
    // The request itself is never aborted: once S3 has created the upload, only its answer tells
    // the id, and an id nobody knows is an upload left behind. A pause or cancel meanwhile takes
    // effect as soon as it is answered (and remembered below), so resume continues it and cancel
    // aborts it. Retries and their waits still stop at once.
    uploadId = await withRetries(h, () => ctx.api.create(key, toS3Metadata(ctx.metadata, file.name)));
  } catch (e) {
    const err = classify(e);
    throw err.code === 'AccessDenied' ? new IneError('UploadNotAllowed', err.message, e, err.status) : err;
  }
  s.key = key;
  s.uploadId = uploadId;
  s.createdAt = new Date().toISOString();
  s.done.clear();
  s.resumed = false;
  await ctx.store.put({
    fingerprint: s.fingerprint,
    key,
    uploadId,
    partSize: s.partSize,
    bucket: ctx.bucket,
    metadata: ctx.metadata,
    fileName: file.name,
    size: file.size,
    createdAt: s.createdAt,
  });
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new IneError('Aborted');
}

/** SHA-256 of the whole file, in the worker, independent of part order and of pauses. */
function startHash(ctx: DriverContext): void {
  const s = ctx.session;
  if (s.sha) return;
  s.hashAbort = new AbortController();
  const partSize = s.partSize;
  s.sha = ctx.hasher.sha256(
    ctx.file,
    (n) => {
      s.hashed = n;
      ctx.on.hashed(n);
    },
    s.hashAbort.signal,
    {
      // The sequential SHA-256 read hands out the CRC32 of each part it passes: parts are
      // never read and checksummed a second time (see `crcOf`).
      partSize,
      onPartCrc: (n, crc) => {
        if (s.partSize !== partSize) return;
        const waiting = s.crcFromHash.get(n);
        s.crcFromHash.delete(n);
        if (waiting) waiting.resolve(crc);
        else if (!s.crc.has(n)) s.crc.set(n, Promise.resolve(crc));
      },
    },
  );
  const hashing = s.sha;
  s.hashing = hashing;
  // Awaited at completion; meanwhile, once the pass stops (done, cancelled, failed), parts still
  // waiting for its CRC32s read them themselves.
  const stopped = () => {
    if (s.hashing !== hashing) return;
    s.hashing = undefined;
    for (const [n, w] of s.crcFromHash) {
      s.crcFromHash.delete(n);
      s.crc.delete(n);
      w.resolve(crcOf(ctx, w.part));
    }
  };
  hashing.then(stopped, stopped);
}

/** Send `parts` with at most `concurrency` in flight; the first fatal error stops the others. */
async function sendAll(ctx: DriverContext, parts: PlannedPart[]): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal.aborted) onAbort();
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (!stop.signal.aborted && next < parts.length) {
      const part = parts[next++];
      // Ask for the next part's CRC32 now (from the SHA-256 pass, or read by the worker if far
      // ahead of it), so it is ready when a lane takes that part.
      if (next < parts.length) crcOf(ctx, parts[next]);
      try {
        await sendPart(ctx, part, stop.signal);
      } catch (e) {
        if (failure === undefined) failure = e;
        stop.abort(e);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(ctx.concurrency, parts.length)) }, lane));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new IneError('Aborted');
  if (failure !== undefined) throw failure;
}

/**
 * The CRC32 of a part. The SHA-256 pass reads the file in order and hands out every part's CRC32 as
 * it passes it, so a part that pass will reach soon waits for it (the upload follows the hashing,
 * which must finish before completion anyway); only a part far ahead of it (a resumed upload's
 * missing tail) or one it has passed without a CRC32 (a retry after BadDigest) is read again here.
 */
function crcOf(ctx: DriverContext, part: PlannedPart): Promise<string> {
  const s = ctx.session;
  let crc = s.crc.get(part.partNumber);
  if (crc) return crc;
  const near = part.start - s.hashed <= (ctx.concurrency + 1) * s.partSize;
  if (s.hashing && s.hashed < part.end && near) {
    crc = new Promise<string>((resolve) => s.crcFromHash.set(part.partNumber, { part, resolve }));
  } else {
    s.crcReads++;
    crc = ctx.hasher.crc32(ctx.file.slice(part.start, part.end));
  }
  s.crc.set(part.partNumber, crc);
  crc.catch(() => s.crc.delete(part.partNumber));
  return crc;
}

async function sendPart(ctx: DriverContext, part: PlannedPart, signal: AbortSignal): Promise<void> {
  const s = ctx.session;
  // Only ever a slice: the browser streams it from disk, the bytes never enter the JS heap.
  const body = ctx.file.slice(part.start, part.end);
  const untrack = ctx.progress?.track(body, (n) => ctx.on.partProgress?.(part, n));
  let sent: SentPart;
  try {
    sent = await withRetries(hooks(ctx, signal), async () => {
      const crc = await untilAborted(crcOf(ctx, part), signal);
      try {
        return await ctx.api.uploadPart(s.key!, s.uploadId!, part.partNumber, body, crc, signal);
      } catch (e) {
        if (classify(e).code === 'ChecksumMismatch') s.crc.delete(part.partNumber);
        ctx.on.partProgress?.(part, 0); // this attempt's bytes no longer count
        throw e;
      } finally {
        s.partsSent++;
        s.bytesSent += part.size;
      }
    });
  } finally {
    untrack?.();
  }
  s.done.set(part.partNumber, sent);
  ctx.on.partDone(part);
}

/** `work`, or the abort reason as soon as `signal` aborts (a pause must not wait for the hashing). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason ?? new IneError('Aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new IneError('Aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
