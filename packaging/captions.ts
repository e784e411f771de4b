/**
 * Captions carried by the source, turned into WebVTT files the record lists (the player's sidecar
 * `<track>`s) and HLS subtitle renditions: CEA-608/708 in the H.264 pictures (SEI, what an off-air
 * recorder keeps), QuickTime CEA-608 tracks (`c608`, in `.mov` exports), and text subtitle tracks
 * (tx3g / mov_text from phones and editors, SubRip, WebVTT).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { languageName, languageTag } from './audio-tracks.js';
import { run, type Tools } from './tools.js';

/** Subtitle codecs ffmpeg turns into WebVTT text (bitmap subtitles cannot be). */
export const TEXT_CAPTION_CODECS: ReadonlySet<string> = new Set(['mov_text', 'eia_608', 'subrip', 'srt', 'webvtt', 'ass', 'ssa', 'text']);

export interface SourceCaptionTrack {
  /** `sei`: CEA-608/708 in the video pictures; `stream`: a subtitle stream (`0:s:<index>`). */
  kind: 'sei' | 'stream';
  index: number;
  codec: string;
  language?: string;
  title?: string;
}

export interface CaptionPlan {
  source: SourceCaptionTrack;
  lang: string;
  label: string;
  /** `captions/<lang>.vtt` (unique), relative to the clip folder. */
  uri: string;
  /** Its one-segment HLS media playlist next to it. */
  playlist: string;
}

export const CAPTIONS_FOLDER = 'captions';

/**
 * One WebVTT file per text caption source. CEA-608 carries no language tag: it is taken to be the
 * language of the default audio track (CC1 is the programme's own language), else `und`.
 */
export function planCaptions(tracks: SourceCaptionTrack[], programLang = 'und'): CaptionPlan[] {
  const used = new Set<string>();
  const labels = new Map<string, number>();
  return tracks
    .filter((t) => t.kind === 'sei' || TEXT_CAPTION_CODECS.has(t.codec))
    .map((t) => {
      const stored = languageTag(t.language);
      const lang = stored === 'und' && (t.kind === 'sei' || t.codec === 'eia_608') ? programLang : stored;
      let label = languageName(lang) ?? (t.title?.trim().slice(0, 80) || 'Subtítulos');
      if (t.kind === 'sei' || t.codec === 'eia_608') label += ' (CC)';
      const seen = labels.get(label) ?? 0;
      labels.set(label, seen + 1);
      if (seen) label = `${label} ${seen + 1}`;
      let name = lang.replace(/[^A-Za-z0-9-]/g, '') || 'und';
      for (let k = 2; used.has(name); k++) name = `${lang}${k}`;
      used.add(name);
      return { source: t, lang, label, uri: `${CAPTIONS_FOLDER}/${name}.vtt`, playlist: `${CAPTIONS_FOLDER}/${name}.m3u8` };
    });
}

/** A path as a value inside an ffmpeg filter graph (lavfi `movie=`): quoted and escaped twice. */
const filterPath = (p: string) => `'${p.replace(/\\/g, '\\\\\\\\').replace(/'/g, "'\\\\\\''").replace(/:/g, '\\\\:')}'`;

/** The ffmpeg arguments that write one caption source as WebVTT to `out` (pure; for tests). */
export function captionExtractArgs(src: string, t: SourceCaptionTrack, out: string): string[] {
  const common = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'];
  if (t.kind === 'sei') {
    // The lavfi movie source's `subcc` output is the CEA-608/708 data the H.264 decoder finds in
    // the pictures' SEI, as a subtitle stream (the only way ffmpeg exposes it).
    return [...common, '-f', 'lavfi', '-i', `movie=${filterPath(src)}[out0+subcc]`, '-map', '0:s:0', '-c:s', 'webvtt', '-f', 'webvtt', out];
  }
  return [...common, '-i', src, '-map', `0:s:${t.index}`, '-c:s', 'webvtt', '-f', 'webvtt', out];
}

/** Cue timings of a WebVTT text (seconds). Exported for tests. */
export function vttCues(text: string): { start: number; end: number; text: string }[] {
  const secs = (s: string) => s.split(':').reduce((a, p) => a * 60 + Number(p), 0);
  const out: { start: number; end: number; text: string }[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const m = /^(?:.*\n)?((?:\d+:)?\d\d:\d\d\.\d{3}) --> ((?:\d+:)?\d\d:\d\d\.\d{3})[^\n]*\n([\s\S]*)$/.exec(block.trim());
    if (m) out.push({ start: secs(m[1]), end: secs(m[2]), text: m[3].trim() });
  }
  return out;
}

/** The HLS media playlist of a whole-clip WebVTT file (one segment). */
export function subtitlePlaylist(vttName: string, durationSeconds: number): string {
  const d = Math.max(0.001, durationSeconds);
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(d)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${d.toFixed(3)},`,
    vttName,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/**
 * Writes the WebVTT files and their playlists into `outDir`; returns the plans that produced at
 * least one cue (an SEI flag with no captions in it, or an empty track, lists nothing). A caption
 * source ffmpeg cannot convert is skipped: captions never fail a clip.
 */
export async function extractCaptions(
  tools: Tools,
  src: string,
  outDir: string,
  plans: CaptionPlan[],
  durationSeconds: number,
  signal?: AbortSignal,
): Promise<CaptionPlan[]> {
  const kept: CaptionPlan[] = [];
  if (plans.length) await mkdir(join(outDir, CAPTIONS_FOLDER), { recursive: true });
  for (const p of plans) {
    const out = join(outDir, p.uri);
    const r = await run(tools.ffmpeg, captionExtractArgs(src, p.source, out), { signal });
    if (r.code !== 0 || !(await stat(out).catch(() => null))) continue;
    if (!vttCues(await readFile(out, 'utf8')).length) continue;
    await writeFile(join(outDir, p.playlist), subtitlePlaylist(p.uri.slice(CAPTIONS_FOLDER.length + 1), durationSeconds));
    kept.push(p);
  }
  return kept;
}
