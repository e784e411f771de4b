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
}

export interface VideoRecord {
  schemaVersion: typeof VIDEO_RECORD_VERSION;
  id: string;
  status: ClipStatus;
  failureReason?: string;
  /** Stable code of the failure (server/packager/errors.ts), for translated texts; absent on older records. */
  failureCode?: string;
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
  source: { key: string; size: number; sha256: string };
  packager?: 'ffmpeg' | 'remux' | 'mediaconvert';
  packagerNote?: string;
  createdAt: string;
  updatedAt: string;
}

/** Key of a clip's record. */
export const videoRecordKey = (id: string): string => `media/${id}/video.json`;
