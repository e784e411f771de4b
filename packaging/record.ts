/**
 * Building clip records (video.json, src/contract/video-record.ts) and reading upload manifests.
 * Pure functions, shared by the local packager and the AWS Lambda handlers (infra/packaging).
 */
import { randomBytes } from 'node:crypto';
import type { AudioTrack, CaptionTrack, Rendition, SourceTimecode, UploadManifest, VideoRecord } from '../src/contract/index.js';
import { UPLOAD_MANIFEST_VERSION, VIDEO_RECORD_VERSION, sanitizeClipMetadata } from '../src/contract/index.js';
import { PackagingFailure, type FailureParams, type PackagingFailureCode } from './errors.js';

/** 128 random bits, 32 lowercase hex characters: unguessable (docs/contract.md). */
export const newVideoId = (): string => randomBytes(16).toString('hex');
export const VIDEO_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A Cognito identity id, `<region>:<uuid>` in lowercase: the only names an uploader's folder can have. */
const IDENTITY_ID = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The uploader's `<upload id>`: 128 random bits, 32 lowercase hex characters (src/upload/fingerprint.ts). */
const UPLOAD_ID = '[0-9a-f]{32}';
/**
 * Exactly `uploads/<identity id>/<upload id>.json` (docs/contract.md). Any other `.json` an uploader
 * may put under its folder (another name, a backslash, a sub-folder) is not a manifest: it starts no
 * packaging and makes no clip record. The S3 notification can only filter on prefix and suffix, so
 * every handler checks this.
 */
export const MANIFEST_KEY_PATTERN = new RegExp(`^uploads/(${IDENTITY_ID})/(${UPLOAD_ID})\\.json$`);
export const isManifestKey = (key: string): boolean => MANIFEST_KEY_PATTERN.test(key);

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/**
 * Parses and checks an upload manifest found at `manifestKey`. The source it names must be the mp4
 * next to it, in the same identity's folder: a manifest can never point packaging at somebody
 * else's upload.
 */
export function parseUploadManifest(text: string, manifestKey: string): UploadManifest {
  const m = MANIFEST_KEY_PATTERN.exec(manifestKey);
  if (!m) throw new PackagingFailure('invalid-manifest', `Not an upload manifest key: ${manifestKey}`);
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text);
  } catch {
    throw new PackagingFailure('invalid-manifest', 'The upload manifest is not valid JSON.');
  }
  if (!o || typeof o !== 'object') throw new PackagingFailure('invalid-manifest', 'The upload manifest is not a JSON object.');
  if (o.schemaVersion !== UPLOAD_MANIFEST_VERSION) {
    throw new PackagingFailure(
      'invalid-manifest',
      `The upload manifest has schemaVersion ${String(o.schemaVersion)}; this packager reads version ${UPLOAD_MANIFEST_VERSION}.`,
    );
  }
  const expectedKey = `uploads/${m[1]}/${m[2]}.mp4`;
  if (o.key !== expectedKey)
    throw new PackagingFailure('invalid-manifest', `The upload manifest must describe ${expectedKey}, not ${String(o.key)}.`);
  if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) {
    throw new PackagingFailure('invalid-manifest', 'The upload manifest has no valid SHA-256 (64 lowercase hex digits).');
  }
  if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0)
    throw new PackagingFailure('invalid-manifest', 'The upload manifest has no valid size.');
  const fileName = str(o.fileName, 1000) ? o.fileName : `${m[2]}.mp4`;
  return {
    schemaVersion: UPLOAD_MANIFEST_VERSION,
    key: expectedKey,
    identityId: m[1],
    size: o.size,
    sha256: o.sha256,
    contentType: str(o.contentType, 200) ? o.contentType : 'video/mp4',
    fileName,
    // The clip fields' own rules (src/contract/clip-validate.ts): what breaks them is left out.
    metadata: sanitizeClipMetadata(o.metadata, fileName.replace(/\.[^.]+$/, '') || 'Sin título'),
    uploadedAt: str(o.uploadedAt, 64) ? o.uploadedAt : new Date().toISOString(),
  };
}

/** The first record of a clip, while it is being packaged. */
export function processingRecord(id: string, manifest: UploadManifest, now = new Date().toISOString()): VideoRecord {
  return {
    schemaVersion: VIDEO_RECORD_VERSION,
    id,
    status: 'processing',
    published: false,
    metadata: manifest.metadata,
    renditions: [],
    source: { key: manifest.key, size: manifest.size, sha256: manifest.sha256 },
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Restarting from a record found in the bucket (a resumed or repeated job): admin edits to the
 * metadata and the publication state are kept; everything packaging owns is reset.
 */
export function reprocessingRecord(current: VideoRecord, manifest: UploadManifest, now = new Date().toISOString()): VideoRecord {
  const fresh = processingRecord(current.id, manifest, current.createdAt);
  return {
    ...fresh,
    metadata: current.metadata,
    published: current.published,
    ...(current.publishedAt ? { publishedAt: current.publishedAt } : {}),
    updatedAt: now,
  };
}

export interface PackagedOutput {
  packager: 'ffmpeg' | 'remux' | 'mediaconvert';
  packagerNote?: string;
  durationSeconds: number;
  width?: number;
  height?: number;
  renditions: Rendition[];
  poster: string | null;
  storyboard: string | null;
  /** Every audio track (absent: none listed). */
  audioTracks?: AudioTrack[];
  /** Captions packaging made from the source; listed after any the record already has (other URIs). */
  captions?: CaptionTrack[];
  timecode?: SourceTimecode;
  /** Set when a truncated source was packaged up to its last complete sample. */
  incomplete?: { lostSeconds: number };
}

/** The `ready` record: the current record (with any admin edits) plus what packaging produced. */
export function readyRecord(current: VideoRecord, out: PackagedOutput, now = new Date().toISOString()): VideoRecord {
  const {
    failureReason: _f,
    failureCode: _c,
    failureParams: _fp,
    packagerNote: _n,
    audioTracks: _a,
    timecode: _t,
    incomplete: _i,
    ...rest
  } = current;
  const made = out.captions ?? [];
  const captions = [...(current.captions ?? []).filter((c) => !made.some((m) => m.uri === c.uri)), ...made];
  const rec: VideoRecord = {
    ...rest,
    status: 'ready',
    durationSeconds: Math.round(out.durationSeconds * 1000) / 1000,
    renditions: [...out.renditions].sort((a, b) => a.bandwidth - b.bandwidth),
    master: 'master.m3u8',
    poster: out.poster,
    storyboard: out.storyboard,
    captions,
    packager: out.packager,
    updatedAt: now,
  };
  if (out.width && out.height) {
    rec.width = out.width;
    rec.height = out.height;
  } else {
    delete rec.width;
    delete rec.height;
  }
  if (out.packagerNote) rec.packagerNote = out.packagerNote;
  if (out.audioTracks?.length) rec.audioTracks = out.audioTracks;
  if (out.timecode) rec.timecode = out.timecode;
  if (out.incomplete) rec.incomplete = out.incomplete;
  return rec;
}

/** Why a clip failed: the readable reason and, when known, its stable code and figures. */
export type Failure = string | { reason: string; code?: PackagingFailureCode; params?: FailureParams };
const failureFields = (f: Failure): Pick<VideoRecord, 'failureReason' | 'failureCode' | 'failureParams'> =>
  typeof f === 'string'
    ? { failureReason: f.slice(0, 1000) }
    : {
        failureReason: f.reason.slice(0, 1000),
        ...(f.code ? { failureCode: f.code } : {}),
        ...(f.code && f.params ? { failureParams: f.params } : {}),
      };

/** The `failed` record: nothing playable is referenced, the reason is readable. */
export function failedRecord(
  current: VideoRecord,
  failure: Failure,
  packager?: VideoRecord['packager'],
  now = new Date().toISOString(),
): VideoRecord {
  const {
    master: _m,
    poster: _p,
    storyboard: _s,
    durationSeconds: _d,
    width: _w,
    height: _h,
    packagerNote: _n,
    failureCode: _c,
    failureParams: _fp,
    audioTracks: _a,
    timecode: _t,
    incomplete: _i,
    ...rest
  } = current;
  return { ...rest, status: 'failed', ...failureFields(failure), renditions: [], ...(packager ? { packager } : {}), updatedAt: now };
}

/** A record for a manifest that could not even be read (so no metadata): the admin still sees it. */
export function unreadableManifestRecord(id: string, manifestKey: string, failure: Failure, now = new Date().toISOString()): VideoRecord {
  const key = manifestKey.replace(/\.json$/, '.mp4');
  return {
    schemaVersion: VIDEO_RECORD_VERSION,
    id,
    status: 'failed',
    ...(failureFields(failure) as { failureReason: string }),
    published: false,
    metadata: { title: key.split('/').pop() ?? key },
    renditions: [],
    source: { key, size: 0, sha256: '0'.repeat(64) },
    createdAt: now,
    updatedAt: now,
  };
}
