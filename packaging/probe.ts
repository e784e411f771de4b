/**
 * What the packager needs to know about a source, from ffprobe (or from mediabunny in the
 * pure-Node fallback), and the checks that turn bad sources into readable failures.
 */
import { PackagingFailure } from './errors.js';
import type { SourceAudioTrack } from './audio-tracks.js';
import type { SourceCaptionTrack } from './captions.js';
import { decideFrameRate, decideScan, exactRate, probePacketTiming, type FrameRate, type ScanDecision } from './scan.js';
import { run, type Tools } from './tools.js';

export interface SourceInfo {
  durationSeconds: number;
  /** Display dimensions (sample aspect ratio and rotation applied), absent for audio-only sources. */
  video?: {
    codec: string;
    width: number;
    height: number;
    /** Frame rate for the encoder (pickFps). */
    fps: number;
    /** The source's own average frame rate, uncapped (0 when unknown): what the limits check. */
    sourceFps: number;
    /** ffprobe's `field_order` flag (progressive, tt, bb, tb, bt, unknown), when it gave one. */
    fieldOrder?: string;
    /** The exact encoder rate (`fps` as a fraction); set by analyzeVideoTiming, else from `fps`. */
    rate?: FrameRate;
    /** The source has no constant frame rate (converted to `rate`). */
    variableRate?: boolean;
    /** Interlaced or not, and how that was decided (analyzeVideoTiming). */
    scan?: ScanDecision;
  };
  /** The default audio track (the one marked default, else the first). */
  audio?: { codec: string; channels: number; sampleRate: number };
  /** Every audio track, in the source's order (ffmpeg's `0:a:<index>`). */
  audioTracks?: SourceAudioTrack[];
  /** Caption sources: CEA-608/708 in the video's SEI, and subtitle streams (`0:s:<index>`). */
  captionTracks?: SourceCaptionTrack[];
  /** SMPTE timecode of the first frame (`HH:MM:SS:FF`, `;` before the frames when drop-frame). */
  timecode?: string;
  /** The source is cut short: only its first this many seconds are read (salvage.ts). */
  cutAtSeconds?: number;
}

/** A SMPTE timecode as stored in a `timecode` tag. */
export const TIMECODE_PATTERN = /^\d{2}:\d{2}:\d{2}[:;.]\d{2,3}$/;

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  field_order?: string;
  closed_captions?: number;
  channels?: number;
  channel_layout?: string;
  sample_rate?: string;
  duration?: string;
  nb_frames?: string;
  disposition?: { attached_pic?: number; default?: number };
  tags?: { rotate?: string; language?: string; title?: string; timecode?: string };
  side_data_list?: { rotation?: number }[];
}

const ratio = (s: string | undefined): number => {
  if (!s) return 0;
  const [a, b] = s.split(/[:/]/).map(Number);
  return b ? a / b : a || 0;
};

/** The source's average frame rate (the nominal one when no average is known), 0 when unknown. */
export function measuredFps(avg?: string, r?: string): number {
  const f = ratio(avg) || ratio(r);
  return f > 0 && Number.isFinite(f) ? f : 0;
}

/** Frame rate for the encoder: the source's, rounded to 3 decimals, 25 when unknown, at most 60. */
export function pickFps(avg?: string, r?: string): number {
  const f = measuredFps(avg, r);
  if (!(f > 1) || !Number.isFinite(f)) return 25;
  return Math.min(60, Math.round(f * 1000) / 1000);
}

/** Parses `ffprobe -show_streams -show_format -of json` output. Exported for tests. */
export function sourceInfoFromFfprobe(json: { streams?: FfprobeStream[]; format?: { duration?: string; tags?: { timecode?: string } } }): SourceInfo {
  const streams = json.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audios = streams.filter((s) => s.codec_type === 'audio');
  const a = audios.find((s) => s.disposition?.default) ?? audios[0];
  const duration = Number(json.format?.duration ?? v?.duration ?? a?.duration ?? 0) || 0;
  const info: SourceInfo = { durationSeconds: duration };
  if (v) {
    let w = v.width ?? 0;
    let h = v.height ?? 0;
    const sar = ratio(v.sample_aspect_ratio);
    if (sar > 0 && Math.abs(sar - 1) > 0.01) w = Math.round(w * sar);
    const rot = Math.abs(Number(v.tags?.rotate ?? v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0)) % 180;
    if (rot === 90) [w, h] = [h, w];
    info.video = {
      codec: v.codec_name ?? 'unknown',
      width: w,
      height: h,
      fps: pickFps(v.avg_frame_rate, v.r_frame_rate),
      sourceFps: measuredFps(v.avg_frame_rate, v.r_frame_rate),
    };
    if (v.field_order) info.video.fieldOrder = v.field_order;
  }
  if (a) info.audio = { codec: a.codec_name ?? 'unknown', channels: a.channels ?? 2, sampleRate: Number(a.sample_rate) || 48000 };
  if (audios.length) {
    info.audioTracks = audios.map((s, index) => ({
      index,
      codec: s.codec_name ?? 'unknown',
      channels: s.channels ?? 2,
      ...(s.channel_layout ? { channelLayout: s.channel_layout } : {}),
      ...(s.tags?.language ? { language: s.tags.language } : {}),
      ...(s.tags?.title ? { title: s.tags.title } : {}),
      isDefault: s === a,
    }));
  }
  const captions: SourceCaptionTrack[] = [];
  if (v?.closed_captions) captions.push({ kind: 'sei', index: 0, codec: 'eia_608' });
  streams
    .filter((s) => s.codec_type === 'subtitle')
    .forEach((s, index) =>
      captions.push({
        kind: 'stream',
        index,
        codec: s.codec_name ?? 'unknown',
        ...(s.tags?.language ? { language: s.tags.language } : {}),
        ...(s.tags?.title ? { title: s.tags.title } : {}),
      }),
    );
  if (captions.length) info.captionTracks = captions;
  // The tmcd track's start, which ffprobe reports on the format, the video or the tmcd stream.
  const timecode = [json.format?.tags?.timecode, v?.tags?.timecode, ...streams.map((s) => s.tags?.timecode)].find(
    (t) => t && TIMECODE_PATTERN.test(t),
  );
  if (timecode) info.timecode = timecode;
  return info;
}

/** Rejects sources the packager cannot turn into a clip, with the reason the admin reads. */
export function assertPackageable(info: SourceInfo): void {
  if (!info.video && !info.audio) {
    if (!(info.durationSeconds > 0.05)) throw new PackagingFailure('zero-duration', 'The file has zero duration: it contains no playable frames.');
    throw new PackagingFailure('no-media-track', 'The file has no video track (and no audio track either), so there is nothing to play.');
  }
  for (const t of [info.video, info.audio]) {
    if (t && (t.codec === 'unknown' || t.codec === 'none')) {
      const track = t === info.video ? 'video' : 'audio';
      throw new PackagingFailure('unsupported-codec', `The file uses a codec this packager cannot decode (${track} track).`, { track });
    }
  }
  if (info.video && (info.video.width < 16 || info.video.height < 16)) {
    throw new PackagingFailure('unsupported-codec', `The video track has no usable picture size (${info.video.width}x${info.video.height}).`);
  }
  if (!(info.durationSeconds > 0.05)) throw new PackagingFailure('zero-duration', 'The file has zero duration: it contains no playable frames.');
}

/** Probes a local file with ffprobe. Throws a PackagingFailure for files ffprobe cannot read. */
export async function probeWithFfprobe(tools: Tools, path: string, signal?: AbortSignal): Promise<SourceInfo> {
  const r = await run(tools.ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { signal });
  if (r.code !== 0) {
    const msg = r.stderr.trim().split('\n').pop() ?? '';
    if (/Invalid data found|moov atom not found/i.test(r.stderr)) {
      throw new PackagingFailure('truncated', `The file is damaged or truncated and cannot be read (${msg.slice(0, 160)}).`);
    }
    throw new PackagingFailure('not-mp4', `The file cannot be read as a video (${msg.slice(0, 160)}).`);
  }
  return sourceInfoFromFfprobe(JSON.parse(r.stdout));
}

/**
 * Completes the probe of a video source with its timing (scan.ts): the encoder rate (a variable
 * rate converted to the nearest standard one) and whether it is interlaced. Costs a demux of the
 * first minute and, for sources of at most 30 frames per second not flagged interlaced, ffmpeg's
 * idet over a few seconds.
 */
export async function analyzeVideoTiming(tools: Tools, src: string, info: SourceInfo, signal?: AbortSignal): Promise<SourceInfo> {
  const v = info.video;
  if (!v) return info;
  const { rate, variable } = decideFrameRate(v.sourceFps, await probePacketTiming(tools, src, 60, signal));
  const fps = Math.round((rate.num / rate.den) * 1000) / 1000;
  const scan = await decideScan(tools, src, v.fieldOrder, fps, info.durationSeconds, signal);
  return { ...info, video: { ...v, fps, rate, variableRate: variable, scan } };
}

/** The encoder rate of a probed video as a fraction (from `fps` when the timing was not analysed). */
export const encoderRate = (v: NonNullable<SourceInfo['video']>): FrameRate => v.rate ?? exactRate(v.fps);
