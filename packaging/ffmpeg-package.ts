/**
 * The local ladder: every rendition, the poster and the storyboard sprite in ONE ffmpeg run (the
 * source is decoded once; this is a 2-core machine). H.264 (veryfast, CRF 23 capped by the rung's
 * peak bitrate) + AAC, CMAF fMP4 segments of 2 s on a fixed GOP so keyframes align across
 * renditions. ffmpeg writes the media playlists; the master is written by playlists.ts from
 * measured segment sizes.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PackagingFailure } from './errors.js';
import { AUDIO_BITRATE, SEGMENT_SECONDS, planLadder, type LadderRung } from './ladder.js';
import { demuxesAudio, downmixFilter, planAudioTracks, recordAudioTracks, type AudioTrackPlan } from './audio-tracks.js';
import { extractCaptions, planCaptions } from './captions.js';
import { masterPlaylist, measureVariant, type AudioRendition, type MeasuredVariant } from './playlists.js';
import type { PackageResult } from './package-result.js';
import { encoderRate, type SourceInfo } from './probe.js';
import { deinterlaceFilter, rateString } from './scan.js';
import { planStoryboard, storyboardVtt, type StoryboardPlan } from './storyboard.js';
import { run, type Tools } from './tools.js';

export const CRF = 23;
export const AUDIO_FOLDER = 'audio';

export interface FfmpegPlan {
  rungs: LadderRung[];
  storyboard: StoryboardPlan | null;
  poster: { width: number; height: number; frame: number } | null;
  fps: number;
  /**
   * Every audio track: the default one muxed into the video renditions and the others in their
   * own, or (two or more tracks with video, `demuxesAudio`) every one in its own.
   */
  audio: AudioTrackPlan[];
  args: string[];
}

/** The source's audio tracks (a probe without the list has at most its one default track). */
const sourceAudioTracks = (info: SourceInfo) =>
  info.audioTracks ?? (info.audio ? [{ index: 0, codec: info.audio.codec, channels: info.audio.channels, isDefault: true }] : []);

/**
 * Per output audio stream (in output order, each a source track): the downmix filter and the
 * language tag (the source's metadata is not copied, so the language is set explicitly).
 */
function audioStreamArgs(tracks: AudioTrackPlan[]): string[] {
  return tracks.flatMap((t, k) => {
    const filter = downmixFilter(t.source);
    return [...(filter ? [`-filter:a:${k}`, filter] : []), `-metadata:s:a:${k}`, `language=${t.iso6392}`];
  });
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The ffmpeg arguments for a source (pure; exported for tests and the bench). */
export function planFfmpeg(src: string, outDir: string, info: SourceInfo): FfmpegPlan {
  const v = info.video;
  const tracks = sourceAudioTracks(info);
  const audio = planAudioTracks(tracks, demuxesAudio(tracks.length, !!v));
  // The track muxed into every video rendition (none when demuxed), and those written on their own.
  const main = audio.find((t) => t.default && !t.folder);
  const alternates = audio.filter((t) => t.folder);
  const hasAudio = !!main;
  // A cut source is read only up to its last complete sample (salvage.ts).
  const cut = info.cutAtSeconds ? ['-t', info.cutAtSeconds.toFixed(3)] : [];
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...cut, '-i', src, '-map_metadata', '-1'];
  const audioArgs = ['-c:a', 'aac', '-b:a', String(AUDIO_BITRATE), '-ac', '2', '-ar', '48000'];
  const hlsArgs = (streamMap: string) => [
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    'independent_segments',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(outDir, '%v', 'seg_%05d.m4s'),
    '-var_stream_map',
    streamMap,
    join(outDir, '%v', 'index.m3u8'),
  ];
  const altMaps = alternates.flatMap((t) => ['-map', `0:a:${t.source.index}`]);
  if (!v) {
    args.push('-map', `0:a:${main?.source.index ?? 0}`, ...altMaps, '-vn', ...audioArgs, ...audioStreamArgs(main ? [main, ...alternates] : []));
    args.push(...hlsArgs([`a:0,name:${AUDIO_FOLDER}`, ...alternates.map((t, j) => `a:${1 + j},name:${t.folder}`)].join(' ')));
    return { rungs: [], storyboard: null, poster: null, fps: 0, audio, args };
  }
  const fps = v.fps;
  const gop = Math.max(1, Math.round(fps * SEGMENT_SECONDS));
  const rungs = planLadder(v.width, v.height);
  const storyboard = planStoryboard(info.durationSeconds, v.width, v.height);
  const posterWidth = Math.min(1280, even(v.width));
  const poster = { width: posterWidth, height: even((v.height * posterWidth) / v.width), frame: Math.floor(info.durationSeconds * 0.1 * fps) };

  const n = rungs.length;
  const outs = rungs.map((_, i) => `[r${i}]`).join('');
  // Deinterlaced first (at the source's frame rate), then made constant-rate: the fps filter
  // repeats a frame only where a variable-rate source left a gap, and drops none at the same rate.
  const deinterlace = v.scan?.interlaced && v.scan.parity ? `${deinterlaceFilter(v.scan.parity)},` : '';
  const graph = [
    `[0:v:0]${deinterlace}fps=${rateString(encoderRate(v))},split=${n + 2}${outs}[p][s]`,
    ...rungs.map((r, i) => `[r${i}]scale=${r.width}:${r.height},setsar=1,format=yuv420p[v${i}]`),
    // select (not trim) so the branch keeps consuming frames and never stalls the others.
    `[p]select=eq(n\\,${poster.frame}),scale=${poster.width}:${poster.height},setsar=1[poster]`,
    `[s]fps=1/${storyboard.interval},scale=${storyboard.tileWidth}:${storyboard.tileHeight},setsar=1,tile=${storyboard.columns}x${storyboard.rows}[sprite]`,
  ].join(';');
  args.push('-filter_complex', graph);
  rungs.forEach((_, i) => args.push('-map', `[v${i}]`, ...(main ? ['-map', `0:a:${main.source.index}`] : [])));
  args.push(...altMaps);
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-crf', String(CRF));
  rungs.forEach((r, i) => args.push(`-maxrate:v:${i}`, String(r.maxVideoBitrate), `-bufsize:v:${i}`, String(r.maxVideoBitrate * 2)));
  args.push('-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`);
  if (audio.length) args.push(...audioArgs, ...audioStreamArgs([...rungs.flatMap(() => (main ? [main] : [])), ...alternates]));
  const streamMap = [
    ...rungs.map((r, i) => `v:${i}${hasAudio ? `,a:${i}` : ''},name:${r.name}`),
    ...alternates.map((t, j) => `a:${(hasAudio ? rungs.length : 0) + j},name:${t.folder}`),
  ];
  args.push(...hlsArgs(streamMap.join(' ')));
  args.push('-map', '[poster]', '-frames:v', '1', '-update', '1', '-q:v', '3', join(outDir, 'poster.jpg'));
  args.push('-map', '[sprite]', '-frames:v', '1', '-update', '1', '-q:v', '5', join(outDir, 'storyboard.jpg'));
  return { rungs, storyboard, poster, fps, audio, args };
}

/** Maps ffmpeg's stderr to the reason an admin can act on. */
export function ffmpegFailure(stderr: string): PackagingFailure {
  const last = stderr.trim().split('\n').filter(Boolean).pop() ?? 'no message';
  if (/Decoder .* not found|Unsupported codec|unknown codec|Could not find codec parameters/i.test(stderr)) {
    return new PackagingFailure('unsupported-codec', `The file uses a codec this packager cannot decode (${last.slice(0, 160)}).`);
  }
  if (/Invalid data found|partial file|Truncated|error reading header|moov atom not found/i.test(stderr)) {
    return new PackagingFailure('truncated', `The file is damaged or truncated and could not be decoded (${last.slice(0, 160)}).`);
  }
  return new PackagingFailure('encoder-failed', `The video encoder failed: ${last.slice(0, 200)}`);
}

/** What the admin is told about how the source was treated (audio only, deinterlaced, VFR). */
export function packagerNoteOf(info: SourceInfo): { packagerNote?: string } {
  const v = info.video;
  const notes: string[] = [];
  if (!v) notes.push('Audio-only source: one audio-only rendition, no poster or storyboard.');
  if (v?.scan?.interlaced) {
    const order = v.scan.parity === 'tff' ? 'top field first' : 'bottom field first';
    notes.push(
      `Interlaced source (${order}, ${v.scan.by === 'idet' ? 'detected in the picture though not flagged' : 'as flagged'}): deinterlaced to ${v.fps} progressive frames per second.`,
    );
  }
  if (v?.variableRate)
    notes.push(`Variable frame rate (average ${Math.round(v.sourceFps * 100) / 100}): converted to a constant ${v.fps} frames per second.`);
  return notes.length ? { packagerNote: notes.join(' ') } : {};
}

/** Adds the audio group's codec and its largest rendition's rates to each (silent) video variant. */
export function withAudioRendition(variants: MeasuredVariant[], audio: MeasuredVariant[]): void {
  const peak = Math.max(0, ...audio.map((a) => a.bandwidth));
  const average = Math.max(0, ...audio.map((a) => a.averageBandwidth));
  const codecs = [...new Set(audio.flatMap((a) => a.codecs.split(',').filter(Boolean)))];
  for (const v of variants) {
    v.bandwidth += peak;
    v.averageBandwidth += average;
    v.codecs = [...v.codecs.split(',').filter(Boolean), ...codecs].join(',');
  }
}

/** Packages a local source into `outDir` (which must exist and be empty). */
export async function packageWithFfmpeg(tools: Tools, src: string, outDir: string, info: SourceInfo, signal?: AbortSignal): Promise<PackageResult> {
  const plan = planFfmpeg(src, outDir, info);
  const r = await run(tools.ffmpeg, plan.args, { signal });
  if (r.code !== 0) throw ffmpegFailure(r.stderr);

  const variantInputs = info.video
    ? plan.rungs.map((rung) => ({ uri: `${rung.name}/index.m3u8`, width: rung.width, height: rung.height, fps: plan.fps }))
    : [{ uri: `${AUDIO_FOLDER}/index.m3u8` }];
  const variants = await Promise.all(variantInputs.map((vi) => measureVariant(outDir, vi)));
  if (variants.some((v) => v.durationSeconds <= 0)) {
    throw new PackagingFailure('zero-duration', 'The file has zero duration: the encoder found no frames to package.');
  }
  const uriOf = (t: AudioTrackPlan) => (t.folder ? `${t.folder}/index.m3u8` : undefined);
  const alternates = await Promise.all(plan.audio.filter((t) => t.folder).map((t) => measureVariant(outDir, { uri: uriOf(t)! })));
  const audioRenditions: AudioRendition[] = plan.audio.map((t) => ({ name: t.label, lang: t.lang, default: t.default, channels: 2, uri: uriOf(t) }));
  // Demuxed (no track muxed into the video): a variant is its video plus an audio rendition, so
  // its CODECS and BANDWIDTH include the audio's (HLS: the largest rendition of the group).
  if (info.video && plan.audio.length && plan.audio.every((t) => t.folder)) withAudioRendition(variants, alternates);
  // Captions: CEA-608 is read in the language of the default audio track.
  const programLang = plan.audio.find((t) => t.default)?.lang;
  const captions = await extractCaptions(tools, src, outDir, planCaptions(info.captionTracks ?? [], programLang), info.durationSeconds, signal);
  const subtitles = captions.map((c) => ({ name: c.label, lang: c.lang, uri: c.playlist }));
  await writeFile(join(outDir, 'master.m3u8'), masterPlaylist(variants, audioRenditions, subtitles));
  const files = [
    'master.m3u8',
    ...variants.flatMap((v) => v.files),
    ...alternates.flatMap((v) => v.files),
    ...captions.flatMap((c) => [c.uri, c.playlist]),
  ];
  let storyboard: string | null = null;
  let poster: string | null = null;
  if (plan.storyboard && plan.poster) {
    // The probed duration can overstate the video track (audio runs longer): then the frame picked
    // for the poster never comes, and the first frame is taken instead.
    if (!existsSync(join(outDir, 'poster.jpg'))) {
      await run(
        tools.ffmpeg,
        [
          '-hide_banner',
          '-nostdin',
          '-loglevel',
          'error',
          '-y',
          '-i',
          src,
          '-frames:v',
          '1',
          '-vf',
          `scale=${plan.poster.width}:${plan.poster.height}`,
          '-q:v',
          '3',
          join(outDir, 'poster.jpg'),
        ],
        { signal },
      );
    }
    if (existsSync(join(outDir, 'poster.jpg'))) {
      files.push('poster.jpg');
      poster = 'poster.jpg';
    }
    if (existsSync(join(outDir, 'storyboard.jpg'))) {
      await writeFile(join(outDir, 'storyboard.vtt'), storyboardVtt(plan.storyboard, info.durationSeconds));
      files.push('storyboard.jpg', 'storyboard.vtt');
      storyboard = 'storyboard.vtt';
    }
  }
  return {
    packager: 'ffmpeg',
    ...packagerNoteOf(info),
    variants: [...variants].sort((a, b) => a.bandwidth - b.bandwidth),
    ...(plan.audio.length ? { audioTracks: recordAudioTracks(plan.audio, uriOf) } : {}),
    captions: captions.map((c) => ({ lang: c.lang, label: c.label, uri: c.uri })),
    poster,
    storyboard,
    files,
  };
}
