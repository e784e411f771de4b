/**
 * The local adapter's packaging job (the AWS Lambdas are the other adapter, infra/packaging/; both
 * start with packaging/job-start.ts). One local packaging job, from an upload manifest to a `ready` (or `failed`) clip record:
 * manifest → `processing` record → source streamed to a work folder while hashed → checks → ffmpeg
 * ladder (or remux) → outputs uploaded → `ready` record LAST. Re-running a job is safe: the clip id
 * comes from the manifest's claim, and a clip already `ready` is left alone.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { PackagingFailure, failureOf, type PackagingFailureCode } from '../../packaging/errors.js';
import { packageWithFfmpeg } from '../../packaging/ffmpeg-package.js';
import { recordFailureByManifestKey, recordPackagingFailure, startPackagingJob } from '../../packaging/job-start.js';
import { assertSizeWithinLimits, assertSourceWithinLimits, timedOutFailure, type PackagingLimits } from '../../packaging/limits.js';
import { checkMp4Structure } from '../../packaging/mp4-boxes.js';
import type { PackageResult } from '../../packaging/package-result.js';
import { analyzeVideoTiming, assertPackageable, probeWithFfprobe, type SourceInfo } from '../../packaging/probe.js';
import { isManifestKey, processingRecord, readyRecord } from '../../packaging/record.js';
import { uploadProgressReporter } from '../../packaging/upload-progress.js';
import {
  assertSourceMatches,
  claimKey,
  claimVideoId,
  downloadAndHash,
  readRecord,
  readText,
  updateRecord,
  uploadFiles,
  type Claim,
} from '../../packaging/clip-store.js';
import { packageWithRemux, probeWithMediabunny } from '../../packaging/remux.js';
import { salvageCutSource } from '../../packaging/salvage.js';
import type { Tools } from '../../packaging/tools.js';
import type { AuditLog } from '../../core/audit/log.ts';
import type { ProvenanceSigner } from '../../packaging/provenance-signer.js';
import { writeProvenance } from '../../packaging/provenance-write.js';

export interface JobContext {
  s3: S3Client;
  bucket: string;
  /** Parent of per-job work folders (removed after each job). */
  workRoot: string;
  /** ffmpeg, or null for the pure-Node remux. */
  tools: Tools | null;
  log: (m: string) => void;
  /** Aborted when the packager stops: the job is kept and resumed at the next start. */
  signal?: AbortSignal;
  /** Checked before encoding; `jobTimeoutSeconds` bounds the whole job. */
  limits: PackagingLimits;
  /** Where packaging results are audited (the stand-in's audit log). */
  audit?: Pick<AuditLog, 'intend'>;
  /** Signs each clip's provenance manifest (packaging/provenance-write.ts). */
  provenance: ProvenanceSigner;
}

export type JobOutcome = { status: 'ready' | 'failed' | 'skipped'; id?: string; reason?: string; code?: PackagingFailureCode };

/** Packages a local source file already verified (shared by the job and the bench). */
export async function packageLocalFile(
  tools: Tools | null,
  src: string,
  outDir: string,
  limits: PackagingLimits,
  signal?: AbortSignal,
): Promise<{ info: SourceInfo; result: PackageResult; lostSeconds?: number }> {
  // A file cut after its index still plays up to the cut (with ffmpeg; the remux refuses it).
  const boxes = await checkMp4Structure(src, { allowCutTail: !!tools });
  let probed = tools ? await probeWithFfprobe(tools, src, signal) : await probeWithMediabunny(src);
  assertPackageable(probed);
  assertSourceWithinLimits(probed, limits); // before any encoding (and before idet)
  signal?.throwIfAborted();
  let lostSeconds: number | undefined;
  if (tools && boxes[boxes.length - 1]?.cut) {
    ({ info: probed, lostSeconds } = await salvageCutSource(tools, src, (await stat(src)).size, probed, signal));
  }
  const info = tools ? await analyzeVideoTiming(tools, src, probed, signal) : probed;
  await mkdir(outDir, { recursive: true });
  const result = tools ? await packageWithFfmpeg(tools, src, outDir, info, signal) : await packageWithRemux(src, outDir, info);
  if (lostSeconds !== undefined) {
    const note = `The file was cut short: packaged up to its last complete sample (${info.durationSeconds.toFixed(1)} s); ${lostSeconds.toFixed(1)} s of the recording are lost.`;
    result.packagerNote = result.packagerNote ? `${note} ${result.packagerNote}` : note;
  }
  return { info, result, lostSeconds };
}

export async function runPackagingJob(ctx: JobContext, manifestKey: string): Promise<JobOutcome> {
  const { s3, bucket, log } = ctx;
  const start = await startPackagingJob(s3, bucket, manifestKey, log);
  switch (start.status) {
    case 'not-a-manifest':
      // A job file from before manifests had one exact key shape: no clip is made for it.
      log(`packager: ${manifestKey} is not an upload manifest; ignored`);
      return { status: 'skipped' };
    case 'gone':
      log(`packager: ${manifestKey} no longer exists; nothing to package`);
      return { status: 'skipped' };
    case 'unreadable':
      log(`packager: ${manifestKey} → clip ${start.id} failed: ${start.failure.reason}`);
      return { status: 'failed', id: start.id, reason: start.failure.reason, code: start.failure.code };
    case 'already-ready':
      log(`packager: clip ${start.id} (${start.manifest.key}) is already ready; skipping`);
      return { status: 'skipped', id: start.id };
  }
  // 1. The `processing` record is written: the admin catalog shows the clip as soon as packaging starts.
  const { id, manifest } = start;

  log(`packager: clip ${id} processing (${manifest.key})`);
  const work = join(ctx.workRoot, id);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const packager = ctx.tools ? 'ffmpeg' : 'remux';
  // The job's own time limit: ffmpeg is killed and the clip recorded as failed (not retried).
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ctx.limits.jobTimeoutSeconds * 1000);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout.signal]) : timeout.signal;
  // How far it is, for the uploader's "Mis envíos" (never in the way of the job: a failed write is logged).
  const progress = uploadProgressReporter(s3, bucket, processingRecord(id, manifest), log);
  try {
    // 2. Verify the bytes are the ones uploaded (a file over the size limit is not even read).
    assertSizeWithinLimits(manifest.size, ctx.limits);
    await progress.report('verifying');
    const src = join(work, 'source.mp4');
    assertSourceMatches(manifest, await downloadAndHash(s3, bucket, manifest.key, src, signal));
    signal.throwIfAborted();

    // 3. Package locally (limits checked from the probe first), then 4. upload every output,
    // then 5. the record, last.
    const out = join(work, 'out');
    const t0 = Date.now();
    await progress.report('encoding');
    const { info, result, lostSeconds } = await packageLocalFile(ctx.tools, src, out, ctx.limits, signal);
    signal.throwIfAborted();
    await progress.report('storing');
    await uploadFiles(s3, bucket, `media/${id}/`, out, result.files, 4, signal, (n, of) => void progress.report('storing', n / of));
    await progress.close();
    // The signed manifest of what was stored, before the record makes the clip ready.
    await writeProvenance(s3, bucket, { videoId: id, manifest, packager: result.packager }, ctx.provenance, { signal });
    const record = await updateRecord(
      s3,
      bucket,
      id,
      (cur) =>
        readyRecord(cur ?? processingRecord(id, manifest), {
          packager: result.packager,
          packagerNote: result.packagerNote,
          durationSeconds: info.durationSeconds,
          width: info.video?.width,
          height: info.video?.height,
          renditions: result.variants.map((v) => ({
            width: v.width ?? 0,
            height: v.height ?? 0,
            bandwidth: v.bandwidth,
            averageBandwidth: v.averageBandwidth,
            codecs: v.codecs,
            uri: v.uri,
          })),
          poster: result.poster,
          storyboard: result.storyboard,
          audioTracks: result.audioTracks,
          captions: result.captions,
          ...(lostSeconds !== undefined ? { incomplete: { lostSeconds } } : {}),
          ...(info.timecode
            ? { timecode: { start: info.timecode, frameRate: Math.round((info.video?.sourceFps || info.video?.fps || 25) * 1000) / 1000 } }
            : {}),
        }),
      log,
      ctx.audit,
    );
    log(
      `packager: clip ${id} ready (${result.packager}, ${result.variants.length} rendition(s), ${info.durationSeconds.toFixed(1)} s source, ${((Date.now() - t0) / 1000).toFixed(1)} s)` +
        (result.packagerNote ? ` — ${result.packagerNote}` : ''),
    );
    return { status: record ? 'ready' : 'failed', id };
  } catch (e) {
    await progress.close();
    const failure = timeout.signal.aborted && !ctx.signal?.aborted ? timedOutFailure(ctx.limits) : e;
    if (!(failure instanceof PackagingFailure)) throw e; // infrastructure trouble (or a stop): the queue retries
    log(`packager: clip ${id} (${manifest.key}) failed: ${failure.reason}`);
    await recordPackagingFailure(s3, bucket, id, manifest, failure, packager, log, ctx.audit);
    return { status: 'failed', id, reason: failure.reason, code: failure.code };
  } finally {
    clearTimeout(timer);
    await rm(work, { recursive: true, force: true }).catch(() => {});
  }
}

/** Records an unexpected error as the clip's failure (after the queue gave up retrying); returns the clip and its failure. */
export async function failJobForGood(
  ctx: JobContext,
  manifestKey: string,
  error: unknown,
): Promise<{ id: string; code: PackagingFailureCode; reason: string }> {
  const id = await claimVideoId(ctx.s3, ctx.bucket, manifestKey);
  const failure = failureOf(error);
  await recordFailureByManifestKey(ctx.s3, ctx.bucket, id, manifestKey, failure, ctx.log);
  return { id, code: failure.code, reason: failure.reason };
}

/**
 * Queues every upload manifest whose clip was never finished: no claim yet, or a claim whose record
 * is missing or still `processing` with no job to finish it. Returns how many were queued.
 */
export async function reconcile(ctx: Pick<JobContext, 's3' | 'bucket' | 'log'>, enqueue: (manifestKey: string) => Promise<boolean>): Promise<number> {
  let token: string | undefined;
  let n = 0;
  do {
    const page = await ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.bucket, Prefix: 'uploads/', ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (!o.Key || !isManifestKey(o.Key)) continue;
      const claim = await readText(ctx.s3, ctx.bucket, claimKey(o.Key));
      if (claim) {
        const rec = await readRecord(ctx.s3, ctx.bucket, (JSON.parse(claim) as Claim).videoId);
        if (rec && rec.status !== 'processing') continue;
      }
      if (await enqueue(o.Key)) n++;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return n;
}
