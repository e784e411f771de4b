/**
 * The AWS Lambda handlers around MediaConvert (docs/packaging.md "On AWS"). Plain TypeScript and
 * AWS SDK v3; the CDK stack bundles them. They share the packaging core (packaging/: the clip record, the
 * bucket code and the start of every job) with the local packager (server/packager), so both write the same contract, and they are tested against the
 * local stand-in's S3 with MediaConvert replaced by a test double.
 *
 *  - `onUploadManifestCreated` (S3 ObjectCreated on `uploads/*.json`, exact manifest keys only):
 *    claim the clip id, write the `processing` record, check the size limit, check and probe the
 *    source with ranged reads and refuse it over a packaging limit (packaging/limits.ts),
 *    verify size + SHA-256 by streaming the source, submit the MediaConvert job.
 *  - `onMediaConvertJobFinished` (EventBridge "MediaConvert Job State Change", COMPLETE or ERROR):
 *    on COMPLETE build `poster.jpg` and `storyboard.vtt` from the frame captures, read the renditions
 *    from the master playlist, hash what MediaConvert wrote and sign the provenance manifest
 *    (packaging/provenance-write.ts, with the KMS key), and write the `ready` record last; on ERROR the `failed` record.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateJobCommand, MediaConvertClient, type CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import type { AudioTrack, Rendition, VideoRecord } from '../../src/contract/index.js';
import { iso6392Of, languageTag, planAudioTracks, recordAudioTracks } from '../../packaging/audio-tracks.js';
import { IMMUTABLE, assertSourceMatches, hashObject, readText, updateRecord } from '../../packaging/clip-store.js';
import { PackagingFailure } from '../../packaging/errors.js';
import { recordPackagingFailure, startPackagingJob } from '../../packaging/job-start.js';
import { assertSizeWithinLimits, assertSourceWithinLimits, resolveLimits, type PackagingLimits } from '../../packaging/limits.js';
import { failedRecord, isManifestKey, processingRecord, readyRecord } from '../../packaging/record.js';
import { uploadProgressReporter } from '../../packaging/upload-progress.js';
import { FRAMES_PREFIX, MASTER_BASENAME, POSTER_MODIFIER, THUMB_MODIFIER, buildMediaConvertJob, type JobMetadata } from './job-settings.js';
import { probeS3Source } from './s3-source.js';
import { NO_EVENTS, emitPackagingOutcome, type EventSink, type PackagingOutcome } from '../../core/events/index.ts';
import { webhookEventSink } from '../webhooks/event-sink.ts';
import { auditLogFromEnv } from '../../core/audit/from-env.ts';
import type { AuditLog } from '../../core/audit/log.ts';
import { KMSClient } from '@aws-sdk/client-kms';
import type { UploadManifest } from '../../src/contract/index.js';
import type { ProvenanceSigner } from '../../packaging/provenance-signer.js';
import { publishProvenanceJwks, writeProvenance } from '../../packaging/provenance-write.js';
import { kmsProvenanceSigner } from './kms-signer.js';

/** The slice of MediaConvertClient the handlers use (a test double stands in for it here). */
export interface MediaConvertLike {
  send(command: CreateJobCommand): Promise<{ Job?: { Id?: string } }>;
}

export interface HandlerDeps {
  s3: S3Client;
  mediaConvert: MediaConvertLike;
  roleArn: string;
  queueArn?: string;
  log?: (m: string) => void;
  /** Default: packaging/limits.ts, overridden by the Lambda's environment. */
  limits?: PackagingLimits;
  /** Where clip.ready / clip.failed go (the webhook queue); default none. */
  events?: EventSink;
  /** Where packaging results are audited (the API's audit log: INE_AUDIT_BUCKET). */
  audit?: Pick<AuditLog, 'intend'>;
  /** Signs each clip's provenance manifest (the KMS key on AWS); without it no manifest is written (tests only). */
  provenance?: ProvenanceSigner;
}

export interface S3Event {
  Records: { s3: { bucket: { name: string }; object: { key: string; size?: number } } }[];
}

export interface MediaConvertStateChangeEvent {
  'detail-type'?: string;
  detail: {
    status: 'COMPLETE' | 'ERROR' | 'PROGRESSING' | 'SUBMITTED' | 'CANCELED' | 'INPUT_INFORMATION' | string;
    jobId: string;
    userMetadata?: Partial<JobMetadata>;
    errorMessage?: string;
    errorCode?: number;
  };
}

/** S3 event keys are URL-encoded with '+' for spaces. */
export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

export interface SubmitResult {
  manifestKey: string;
  videoId?: string;
  jobId?: string;
  status: 'submitted' | 'failed' | 'skipped';
  reason?: string;
  /** Stable failure code (packaging/errors.ts) when `status` is failed. */
  code?: string;
  job?: CreateJobCommandInput;
}

export function createHandlers(deps: HandlerDeps) {
  const log = deps.log ?? ((m: string) => console.log(m));
  const { s3, audit } = deps;
  const limits = deps.limits ?? resolveLimits();
  const sink = deps.events ?? NO_EVENTS;
  // The record is written before this runs: a webhook problem must not fail (and so repeat) the job.
  const report = (outcome: PackagingOutcome) =>
    emitPackagingOutcome(sink, outcome).catch((e: unknown) => log(`packaging: could not report clip ${outcome.id}: ${(e as Error).message}`));
  /** The public key is published once per cold start (publishing again is a no-op anyway). */
  let jwksPublished: Promise<unknown> | undefined;

  async function submitOne(bucket: string, manifestKey: string): Promise<SubmitResult> {
    const result = await submit(bucket, manifestKey);
    if (result.status === 'failed') await report({ status: 'failed', id: result.videoId, code: result.code, reason: result.reason });
    return result;
  }

  async function submit(bucket: string, manifestKey: string): Promise<SubmitResult> {
    const start = await startPackagingJob(s3, bucket, manifestKey, log);
    if (start.status === 'unreadable') return { manifestKey, videoId: start.id, status: 'failed', ...start.failure };
    if (start.status !== 'processing') return { manifestKey, ...('id' in start ? { videoId: start.id } : {}), status: 'skipped' };
    const { id, manifest } = start;
    // The uploader's "Mis envíos" sees the steps (MediaConvert's own progress is not followed).
    const progress = uploadProgressReporter(s3, bucket, processingRecord(id, manifest), log);
    try {
      await progress.report('verifying');
      // The limits first: they cost a few ranged reads, hashing the whole source costs minutes.
      assertSizeWithinLimits(manifest.size, limits);
      const info = await probeS3Source(s3, bucket, manifest.key);
      assertSourceWithinLimits(info, limits);
      assertSourceMatches(manifest, await hashObject(s3, bucket, manifest.key));
      const { input } = buildMediaConvertJob({
        bucket,
        sourceKey: manifest.key,
        videoId: id,
        manifestKey,
        roleArn: deps.roleArn,
        queueArn: deps.queueArn,
        maxDurationSeconds: limits.maxDurationSeconds,
        source: {
          durationSeconds: info.durationSeconds,
          width: info.video?.width,
          height: info.video?.height,
          hasAudio: !!info.audio,
          hasVideo: !!info.video,
          ...(info.video?.variableRate && info.video.rate ? { variableRate: info.video.rate } : {}),
          ...(info.video?.scan ? { scan: info.video.scan } : {}),
          ...(info.audioTracks ? { audioTracks: info.audioTracks } : {}),
          // CEA-608 is taken to be in the default audio track's language, as locally.
          ...(info.captionTracks?.some((t) => t.codec === 'eia_608')
            ? { cea608: { lang: planAudioTracks(info.audioTracks ?? []).find((t) => t.default)?.lang ?? 'und' } }
            : {}),
        },
      });
      // Before the job exists, so it cannot land after the job's own `ready` status.
      await progress.report('encoding');
      await progress.close();
      const res = await deps.mediaConvert.send(new CreateJobCommand(input));
      log(`packaging: clip ${id} submitted to MediaConvert as job ${res.Job?.Id}`);
      return { manifestKey, videoId: id, jobId: res.Job?.Id, status: 'submitted', job: input };
    } catch (e) {
      await progress.close();
      if (!(e instanceof PackagingFailure)) throw e; // Lambda retries the event
      await recordPackagingFailure(s3, bucket, id, manifest, e, 'mediaconvert', log, audit);
      log(`packaging: clip ${id} failed: ${e.reason}`);
      return { manifestKey, videoId: id, status: 'failed', reason: e.reason, code: e.code };
    }
  }

  async function onUploadManifestCreated(event: S3Event): Promise<SubmitResult[]> {
    const out: SubmitResult[] = [];
    for (const r of event.Records ?? []) {
      const key = decodeS3Key(r.s3.object.key);
      if (!isManifestKey(key)) continue;
      out.push(await submitOne(r.s3.bucket.name, key));
    }
    return out;
  }

  async function listKeys(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!).filter(Boolean));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async function onMediaConvertJobFinished(event: MediaConvertStateChangeEvent): Promise<VideoRecord | undefined> {
    const { status, userMetadata: meta = {}, jobId } = event.detail;
    if (status !== 'COMPLETE' && status !== 'ERROR' && status !== 'CANCELED') return undefined;
    const { videoId: id, bucket } = meta;
    if (!id || !bucket) {
      log(`packaging: job ${jobId} has no clip id in its user metadata; ignored`);
      return undefined;
    }
    if (status !== 'COMPLETE') {
      const reason = `The cloud transcoder could not package the file: ${event.detail.errorMessage ?? status.toLowerCase()}`;
      const failed = await updateRecord(
        s3,
        bucket,
        id,
        (cur) => (cur ? failedRecord(cur, { reason, code: 'encoder-failed' }, 'mediaconvert') : undefined),
        log,
        audit,
      );
      if (failed?.status === 'failed') await report({ status: 'failed', id, code: failed.failureCode, reason: failed.failureReason });
      return failed;
    }
    const base = `media/${id}/`;
    const masterText = await readText(s3, bucket, `${base}${MASTER_BASENAME}.m3u8`);
    if (!masterText) throw new Error(`MediaConvert job ${jobId} finished without ${base}${MASTER_BASENAME}.m3u8`);
    const renditions = renditionsFromMaster(masterText);
    const channels = (meta.audioChannels ?? '').split(',').map(Number);
    const audioTracks = meta.muxedAudioLang ? muxedAudioTracks(meta.muxedAudioLang, channels[0]) : audioTracksFromMaster(masterText, channels);

    // Poster: the capture at ~10 % (the second one; the first when the clip is very short).
    const frames = await listKeys(bucket, base + FRAMES_PREFIX);
    const posters = frames.filter((k) => k.includes(POSTER_MODIFIER + '.') && k.endsWith('.jpg'));
    let poster: string | null = null;
    if (posters.length) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: posters[Math.min(1, posters.length - 1)] }));
      const body = await res.Body!.transformToByteArray();
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: `${base}poster.jpg`, Body: body, ContentType: 'image/jpeg', CacheControl: IMMUTABLE }),
      );
      poster = 'poster.jpg';
    }
    // Storyboard: MediaConvert cannot tile a sprite, so each cue points at a whole thumbnail
    // (`#xywh=0,0,w,h` keeps the contract's cue format for every reader).
    const thumbs = frames.filter((k) => k.includes(THUMB_MODIFIER + '.') && k.endsWith('.jpg'));
    let storyboard: string | null = null;
    const duration = Number(meta.durationSeconds) || 0;
    if (thumbs.length) {
      const vtt = storyboardVttFromThumbs(
        thumbs.map((k) => k.slice(base.length)),
        Number(meta.storyboardInterval) || 1,
        duration,
        Number(meta.tileWidth) || 160,
        Number(meta.tileHeight) || 90,
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${base}storyboard.vtt`,
          Body: vtt,
          ContentType: 'text/vtt; charset=utf-8',
          CacheControl: IMMUTABLE,
        }),
      );
      storyboard = 'storyboard.vtt';
    }
    const width = Number(meta.width) || undefined;
    const height = Number(meta.height) || undefined;
    if (deps.provenance) {
      // What MediaConvert wrote, hashed from the bucket and signed, before the record says ready.
      const uploadText = meta.manifestKey ? await readText(s3, bucket, meta.manifestKey) : undefined;
      if (!uploadText) throw new Error(`clip ${id}: its upload manifest ${meta.manifestKey} is gone; the provenance manifest cannot name the source`);
      const upload = JSON.parse(uploadText) as UploadManifest;
      await (jwksPublished ??= publishProvenanceJwks(s3, bucket, deps.provenance).catch((e: unknown) => {
        jwksPublished = undefined;
        throw e;
      }));
      await writeProvenance(s3, bucket, { videoId: id, manifest: upload, packager: 'mediaconvert' }, deps.provenance);
    }
    const record = await updateRecord(
      s3,
      bucket,
      id,
      (cur) =>
        cur
          ? readyRecord(cur, {
              packager: 'mediaconvert',
              durationSeconds: duration,
              width,
              height,
              renditions,
              poster,
              storyboard,
              ...(audioTracks.length ? { audioTracks } : {}),
              ...(width ? {} : { packagerNote: 'Audio-only source: one audio-only rendition, no poster or storyboard.' }),
            })
          : undefined,
      log,
      audit,
    );
    log(`packaging: clip ${id} ready (MediaConvert job ${jobId}, ${renditions.length} rendition(s))`);
    if (record?.status === 'ready') await report({ status: 'ready', id });
    return record;
  }

  return { onUploadManifestCreated, onMediaConvertJobFinished };
}

/** An attribute of an HLS tag's attribute list (quoted or not). */
const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`(?:^|,)${name}=("([^"]*)"|[^,]*)`).exec(attrs)?.[2] ?? new RegExp(`(?:^|,)${name}=([^,]*)`).exec(attrs)?.[1];

/**
 * The one audio track muxed into the video renditions (the master lists no audio rendition then),
 * as the local packager records it: the same plan, so the same label.
 */
export function muxedAudioTracks(lang: string, channels: number): AudioTrack[] {
  const source = { index: 0, codec: 'aac', channels: channels > 0 ? channels : 2, language: iso6392Of(lang), isDefault: true };
  return recordAudioTracks(planAudioTracks([source]), () => undefined);
}

/**
 * The audio renditions of a master playlist (`EXT-X-MEDIA:TYPE=AUDIO`, in source track order, as
 * the job made them) as the record's audio tracks; `channels` are the source tracks' own.
 */
export function audioTracksFromMaster(text: string, channels: number[]): AudioTrack[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#EXT-X-MEDIA:') && /TYPE=AUDIO/.test(l));
  return lines.map((l, i) => {
    const attrs = l.slice(13);
    const uri = attribute(attrs, 'URI');
    return {
      lang: languageTag(attribute(attrs, 'LANGUAGE')),
      label: (attribute(attrs, 'NAME') || `Audio ${i + 1}`).slice(0, 100),
      default: attribute(attrs, 'DEFAULT') === 'YES',
      channels: channels[i] > 0 ? channels[i] : 2,
      ...(uri ? { uri } : {}),
    };
  });
}

/** Variants of a master playlist as clip-record renditions, sorted by bandwidth. */
export function renditionsFromMaster(text: string): Rendition[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: Rendition[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('#EXT-X-STREAM-INF:')) continue;
    const attrs = lines[i].slice(18);
    const get = (name: string) =>
      new RegExp(`(?:^|,)${name}=("([^"]*)"|[^,]*)`).exec(attrs)?.[2] ?? new RegExp(`(?:^|,)${name}=([^,]*)`).exec(attrs)?.[1];
    const uri = lines.slice(i + 1).find((l) => l && !l.startsWith('#'));
    const [w, h] = (get('RESOLUTION') ?? '0x0').split('x').map(Number);
    const avg = Number(get('AVERAGE-BANDWIDTH'));
    if (!uri) continue;
    out.push({
      width: w || 0,
      height: h || 0,
      bandwidth: Number(get('BANDWIDTH')) || 1,
      ...(avg ? { averageBandwidth: avg } : {}),
      codecs: get('CODECS') ?? '',
      uri,
    });
  }
  return out.sort((a, b) => a.bandwidth - b.bandwidth);
}

const ts = (s: number) => {
  const ms = Math.round(s * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
};

/** WebVTT over individual thumbnails (relative to the clip folder), one every `interval` seconds. */
export function storyboardVttFromThumbs(thumbs: string[], interval: number, durationSeconds: number, w: number, h: number): string {
  const lines = ['WEBVTT', ''];
  thumbs.forEach((t, i) => {
    const start = i * interval;
    const end = durationSeconds > 0 ? Math.min(durationSeconds, start + interval) : start + interval;
    if (end > start) lines.push(`${ts(start)} --> ${ts(end)}`, `${t}#xywh=0,0,${w},${h}`, '');
  });
  return lines.join('\n');
}

/** Default dependencies from the Lambda's environment (set by the CDK stack). */
function envDeps(): HandlerDeps {
  const roleArn = process.env.MEDIACONVERT_ROLE_ARN;
  if (!roleArn) throw new Error('MEDIACONVERT_ROLE_ARN is not set');
  const s3 = new S3Client({});
  // The media bucket: where packaging results' probes are read on recovery, and where the sequencer's lease is.
  const audit = auditLogFromEnv(s3, process.env.BUCKET, (m) => console.log(m));
  const provenanceKey = process.env.PROVENANCE_KMS_KEY_ID;
  return {
    s3,
    ...(audit ? { audit } : {}),
    mediaConvert: new MediaConvertClient(process.env.MEDIACONVERT_ENDPOINT ? { endpoint: process.env.MEDIACONVERT_ENDPOINT } : {}),
    roleArn,
    queueArn: process.env.MEDIACONVERT_QUEUE_ARN || undefined,
    events: webhookEventSink() ?? NO_EVENTS,
    // Set on the function that finishes jobs (infra/lib/provenance-key.ts); the upload function does not sign.
    ...(provenanceKey ? { provenance: kmsProvenanceSigner(new KMSClient({}), provenanceKey) } : {}),
  };
}

let cached: ReturnType<typeof createHandlers> | undefined;
const handlers = () => (cached ??= createHandlers(envDeps()));

/** Lambda entry: S3 ObjectCreated on `uploads/` (suffix `.json`; other keys are ignored here). */
export const onUploadManifestCreated = (event: S3Event) => handlers().onUploadManifestCreated(event);
/** Lambda entry: EventBridge rule on source `aws.mediaconvert`, detail-type "MediaConvert Job State Change". */
export const onMediaConvertJobFinished = (event: MediaConvertStateChangeEvent) => handlers().onMediaConvertJobFinished(event);
