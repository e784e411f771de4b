/**
 * `media/<video id>/video.json`, the clip record (docs/contract.md, schemas/video.schema.json).
 * Written by the packaging step (last, once every output file exists) and by admins
 * (metadata, publication) with conditional writes.
 */
import type { ClipMetadata } from './clip-fields.js';

export type { ClipMetadata };

export const VIDEO_RECORD_VERSION = 1;

export type ClipStatus = 'processing' | 'ready' | 'failed';

export interface Rendition {
  width: number;
  height: number;
  /** Peak bits per second, as in the master playlist's BANDWIDTH. */
  bandwidth: number;
  averageBandwidth?: number;
  /** RFC 6381 codecs, e.g. `avc1.64001f,mp4a.40.2`. */
  codecs: string;
  /** Media playlist, relative to the clip folder, e.g. `720p/index.m3u8`. */
  uri: string;
}

export interface CaptionTrack {
  lang: string;
  label: string;
  /** WebVTT file relative to the clip folder. */
  uri: string;
  /** `attached`: a file an admin attached through the Web API; absent: extracted from the source at packaging. */
  source?: 'attached';
}

/** One audio track of the clip (an HLS `EXT-X-MEDIA:TYPE=AUDIO` rendition in the master playlist). */
export interface AudioTrack {
  /** BCP 47 language tag from the source's tag (`es`, `en`, `nah`); `und` when the source did not say. */
  lang: string;
  /** What a track menu shows (the language's own name, e.g. `Español`). */
  label: string;
  /** The track that plays unless the viewer picks another; exactly one is. */
  default: boolean;
  /** Channels of the source track (every rendition is stereo; 5.1 is downmixed). */
  channels: number;
  /** Its own audio-only media playlist, relative to the clip folder; absent when muxed into the video renditions. */
  uri?: string;
}

/** Where the source's timecode starts, and the frame rate it counts frames at. */
export interface SourceTimecode {
  /** SMPTE timecode of the first frame, `HH:MM:SS:FF` (`;` before the frames when drop-frame). */
  start: string;
  /** Frames per second the timecode counts (the source's, e.g. 29.97). */
  frameRate: number;
}

export interface VideoRecord {
  schemaVersion: typeof VIDEO_RECORD_VERSION;
  id: string;
  status: ClipStatus;
  failureReason?: string;
  /** Stable code of the failure (packaging/errors.ts), for translated texts; absent on older records. */
  failureCode?: string;
  /** The figures of the failure by name (e.g. `{ durationSeconds: 18000, maxSeconds: 14400 }`), for translated texts. */
  failureParams?: Record<string, string | number>;
  published: boolean;
  publishedAt?: string;
  metadata: ClipMetadata;
  durationSeconds?: number;
  width?: number;
  height?: number;
  renditions: Rendition[];
  master?: string;
  poster?: string | null;
  storyboard?: string | null;
  captions?: CaptionTrack[];
  /** Every audio track of the source, when it has audio (absent on older records). */
  audioTracks?: AudioTrack[];
  /**
   * Set when the source was cut short (a recorder that crashed): the clip was packaged up to the
   * last complete sample, and `lostSeconds` of the source's stated duration are missing.
   */
  incomplete?: { lostSeconds: number };
  /** The source's own timecode (its tmcd track), when it has one: for a broadcast clock. */
  timecode?: SourceTimecode;
  source: { key: string; size: number; sha256: string };
  packager?: 'ffmpeg' | 'remux' | 'mediaconvert';
  packagerNote?: string;
  createdAt: string;
  updatedAt: string;
}

/** Key of a clip's record. */
export const videoRecordKey = (id: string): string => `media/${id}/video.json`;
