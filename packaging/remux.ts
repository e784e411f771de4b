/**
 * The pure-Node fallback for machines without ffmpeg: mediabunny copies the source's H.264/AAC
 * into ONE rendition of CMAF (fMP4) HLS segments, without re-encoding (segments are cut at the
 * source's own keyframes, so their length follows the source's GOP). No poster, no storyboard:
 * those need a decoder. The record says so (`packager: 'remux'`, `packagerNote`).
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ALL_FORMATS,
  CmafOutputFormat,
  Conversion,
  EncodedPacketSink,
  FilePathSource,
  FilePathTarget,
  HlsOutputFormat,
  Input,
  Logging,
  LogLevel,
  Output,
  PathedTarget,
} from 'mediabunny';
import { PackagingFailure } from './errors.js';
import { SEGMENT_SECONDS } from './ladder.js';
import type { PackageResult } from './package-result.js';
import { masterPlaylist, measureVariant } from './playlists.js';
import { measuredFps, pickFps, type SourceInfo } from './probe.js';
import { decideFrameRate, packetTimingOf } from './scan.js';

// What a source lacks (a codec that cannot be copied, say) is reported as a failure with a reason
// (PackagingFailure); the library's own console warnings would only repeat it in the log.
Logging.level = LogLevel.Errors;

/** Packets whose timestamps are read for the frame-rate decision (about 20 s at 30 fps). */
const TIMING_PACKETS = 600;

export const REMUX_FOLDER = 'source';
export const REMUX_NOTE =
  'ffmpeg is not installed: the source was remuxed (not re-encoded) into a single HLS rendition, without poster or storyboard.';

/** Probes with mediabunny. Only H.264 video and AAC audio can be remuxed into this contract. */
export async function probeWithMediabunny(path: string): Promise<SourceInfo> {
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS });
  try {
    return await probeMediabunnyInput(input, true);
  } finally {
    input.dispose();
  }
}

/**
 * Tracks, size and duration from a mediabunny Input (a local file, or ranged S3 reads in the AWS
 * Lambda). With `remuxOnly`, codecs other than H.264/AAC are refused (nothing here can transcode).
 */
export async function probeMediabunnyInput(input: Input, remuxOnly: boolean): Promise<SourceInfo> {
  let video, audio;
  try {
    video = await input.getPrimaryVideoTrack();
    audio = await input.getPrimaryAudioTrack();
  } catch (e) {
    throw new PackagingFailure('not-mp4', `The file cannot be read as a video (${(e as Error).message.slice(0, 160)}).`);
  }
  const info: SourceInfo = { durationSeconds: await input.computeDuration().catch(() => 0) };
  if (video) {
    if (remuxOnly && video.codec !== 'avc') {
      throw new PackagingFailure(
        'unsupported-codec',
        `The video codec (${video.codec ?? 'unknown'}) cannot be packaged without ffmpeg; only H.264 can.`,
      );
    }
    const stats = await video.computePacketStats(100).catch(() => ({ averagePacketRate: 0 }));
    info.video = {
      codec: video.codec === 'avc' ? 'h264' : (video.codec ?? 'other'),
      width: video.displayWidth,
      height: video.displayHeight,
      fps: pickFps(String(stats.averagePacketRate)),
      sourceFps: measuredFps(String(stats.averagePacketRate)),
    };
    if (!remuxOnly) {
      // Timestamps only (the sample table in the movie header): no media bytes are read.
      const pts: number[] = [];
      try {
        for await (const p of new EncodedPacketSink(video).packets(undefined, undefined, { metadataOnly: true })) {
          pts.push(p.timestamp);
          if (pts.length >= TIMING_PACKETS) break;
        }
      } catch {
        // No timing: the average rate stands.
      }
      const { rate, variable } = decideFrameRate(info.video.sourceFps, packetTimingOf(pts));
      Object.assign(info.video, { rate, variableRate: variable, fps: Math.round((rate.num / rate.den) * 1000) / 1000 });
    }
  }
  if (audio) {
    if (remuxOnly && audio.codec !== 'aac') {
      throw new PackagingFailure(
        'unsupported-codec',
        `The audio codec (${audio.codec ?? 'unknown'}) cannot be packaged without ffmpeg; only AAC can.`,
      );
    }
    info.audio = { codec: audio.codec ?? 'other', channels: audio.numberOfChannels, sampleRate: audio.sampleRate };
    const all = await input.getAudioTracks().catch(() => [audio]);
    info.audioTracks = all.map((t, index) => ({
      index,
      codec: t.codec ?? 'other',
      channels: t.numberOfChannels,
      ...(t.languageCode && t.languageCode !== 'und' ? { language: t.languageCode } : {}),
      ...(t.name ? { title: t.name } : {}),
      isDefault: t.id === audio.id,
    }));
  }
  return info;
}

/** Remuxes a local source into `outDir`: `master.m3u8` + `source/index.m3u8`, `init.mp4`, segments. */
export async function packageWithRemux(src: string, outDir: string, info: SourceInfo): Promise<PackageResult> {
  const input = new Input({ source: new FilePathSource(src), formats: ALL_FORMATS });
  const targets: FilePathTarget[] = [];
  try {
    const output = new Output({
      format: new HlsOutputFormat({
        segmentFormat: new CmafOutputFormat(),
        targetDuration: SEGMENT_SECONDS,
        getPlaylistPath: () => `${REMUX_FOLDER}/index.m3u8`,
        getInitPath: () => 'init.mp4',
        getSegmentPath: (s) => `seg_${String(s.n).padStart(5, '0')}.m4s`,
      }),
      // mediabunny's own master is overwritten below with measured values and FRAME-RATE.
      target: new PathedTarget('master.m3u8', (req) => {
        const p = join(outDir, req.path);
        mkdirSync(dirname(p), { recursive: true });
        const t = new FilePathTarget(p);
        targets.push(t);
        return t;
      }),
    });
    const conversion = await Conversion.init({
      input,
      output,
      tracks: 'primary',
      copy: { mode: 'forced', shiftTolerance: Infinity },
      showWarnings: false,
    });
    if (!conversion.isValid || conversion.utilizedTracks.length === 0) {
      const why = conversion.discardedTracks.map((d) => `${d.track.type}: ${d.reason}`).join(', ');
      throw new PackagingFailure('unsupported-codec', `The file cannot be remuxed without ffmpeg (${why || 'no usable track'}).`);
    }
    await conversion.execute();
  } catch (e) {
    if (e instanceof PackagingFailure) throw e;
    throw new PackagingFailure('truncated', `The file is damaged and could not be remuxed (${(e as Error).message.slice(0, 160)}).`);
  } finally {
    input.dispose();
  }
  const variant = await measureVariant(outDir, {
    uri: `${REMUX_FOLDER}/index.m3u8`,
    ...(info.video ? { width: info.video.width, height: info.video.height, fps: info.video.fps } : {}),
  });
  if (variant.durationSeconds <= 0) throw new PackagingFailure('zero-duration', 'The file has zero duration: it contains no playable frames.');
  await writeFile(join(outDir, 'master.m3u8'), masterPlaylist([variant]));
  return {
    packager: 'remux',
    packagerNote: REMUX_NOTE,
    variants: [variant],
    poster: null,
    storyboard: null,
    files: ['master.m3u8', ...variant.files],
  };
}
