/**
 * Master playlist writing, from the media playlists an encoder left on disk: BANDWIDTH and
 * AVERAGE-BANDWIDTH are measured from the segment files (so they are true, whoever encoded them),
 * CODECS read from each rendition's init segment.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { codecsOfInitSegment } from './mp4-boxes.js';

export interface MediaPlaylistSummary {
  targetDuration: number;
  segments: { uri: string; duration: number }[];
  map?: string;
}

/** Reads the few tags the packager needs from a VOD media playlist. */
export function parseMediaPlaylist(text: string): MediaPlaylistSummary {
  const out: MediaPlaylistSummary = { targetDuration: 0, segments: [] };
  let pending: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#EXT-X-TARGETDURATION:')) out.targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MAP:')) out.map = /URI="([^"]+)"/.exec(line)?.[1];
    else if (line.startsWith('#EXTINF:')) pending = parseFloat(line.slice(8));
    else if (!line.startsWith('#') && pending !== undefined) {
      out.segments.push({ uri: line, duration: pending });
      pending = undefined;
    }
  }
  return out;
}

export interface VariantInput {
  /** Media playlist, relative to the clip folder, e.g. `720p/index.m3u8`. */
  uri: string;
  width?: number;
  height?: number;
  fps?: number;
}

export interface MeasuredVariant extends VariantInput {
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  durationSeconds: number;
  /** Every file the variant needs, relative to the clip folder (playlist, init, segments). */
  files: string[];
}

/** Measures one rendition on disk. */
export async function measureVariant(clipDir: string, v: VariantInput): Promise<MeasuredVariant> {
  const playlistPath = join(clipDir, v.uri);
  const pl = parseMediaPlaylist(await readFile(playlistPath, 'utf8'));
  const base = dirname(v.uri);
  const rel = (u: string) => posix.join(base, u);
  let totalBytes = 0;
  let totalDuration = 0;
  let peak = 0;
  const longest = Math.max(...pl.segments.map((s) => s.duration), 0);
  for (const s of pl.segments) {
    const { size } = await stat(join(clipDir, rel(s.uri)));
    totalBytes += size;
    totalDuration += s.duration;
    // A short tail segment would exaggerate the peak; HLS measures peak over full segments.
    if (s.duration >= Math.min(0.5, longest)) peak = Math.max(peak, (size * 8) / s.duration);
  }
  const codecs = pl.map ? await codecsOfInitSegment(join(clipDir, rel(pl.map))) : [];
  return {
    ...v,
    bandwidth: Math.ceil(peak),
    averageBandwidth: Math.ceil(totalDuration ? (totalBytes * 8) / totalDuration : 0),
    codecs: codecs.join(','),
    durationSeconds: totalDuration,
    files: [v.uri, ...(pl.map ? [rel(pl.map)] : []), ...pl.segments.map((s) => rel(s.uri))],
  };
}

/** One audio track of the clip as an `EXT-X-MEDIA:TYPE=AUDIO` rendition. */
export interface AudioRendition {
  name: string;
  /** BCP 47; `und` is left out of the tag. */
  lang: string;
  default: boolean;
  channels: number;
  /** Its own media playlist; absent when muxed into every variant (the default track). */
  uri?: string;
}

const quoted = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;

export const AUDIO_GROUP = 'audio';
export const SUBTITLES_GROUP = 'subs';

/** A WebVTT captions file as an `EXT-X-MEDIA:TYPE=SUBTITLES` rendition. */
export interface SubtitleRendition {
  name: string;
  lang: string;
  /** Its one-segment media playlist. */
  uri: string;
}

/** The EXT-X-MEDIA line of a subtitle rendition (never default: captions stay off until asked for). */
export function subtitleMediaTag(t: SubtitleRendition): string {
  const attrs = [
    'TYPE=SUBTITLES',
    `GROUP-ID="${SUBTITLES_GROUP}"`,
    ...(t.lang !== 'und' ? [`LANGUAGE=${quoted(t.lang)}`] : []),
    `NAME=${quoted(t.name)}`,
  ];
  attrs.push('DEFAULT=NO', 'AUTOSELECT=YES', `URI=${quoted(t.uri)}`);
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}

/** The EXT-X-MEDIA line of an audio rendition. */
export function audioMediaTag(a: AudioRendition): string {
  const attrs = [`TYPE=AUDIO`, `GROUP-ID="${AUDIO_GROUP}"`, ...(a.lang !== 'und' ? [`LANGUAGE=${quoted(a.lang)}`] : []), `NAME=${quoted(a.name)}`];
  attrs.push(`DEFAULT=${a.default ? 'YES' : 'NO'}`, 'AUTOSELECT=YES', `CHANNELS="${a.channels}"`);
  if (a.uri) attrs.push(`URI=${quoted(a.uri)}`);
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}

/**
 * The master playlist text; variants sorted by bandwidth (lowest first, the usual start). With
 * audio renditions, one audio group every variant refers to.
 */
export function masterPlaylist(variants: MeasuredVariant[], audio: AudioRendition[] = [], subtitles: SubtitleRendition[] = []): string {
  const sorted = [...variants].sort((a, b) => a.bandwidth - b.bandwidth);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS', ''];
  if (audio.length) lines.push(...audio.map(audioMediaTag), '');
  if (subtitles.length) lines.push(...subtitles.map(subtitleMediaTag), '');
  for (const v of sorted) {
    const attrs = [`BANDWIDTH=${v.bandwidth}`, `AVERAGE-BANDWIDTH=${v.averageBandwidth}`, `CODECS="${v.codecs}"`];
    if (v.width && v.height) attrs.push(`RESOLUTION=${v.width}x${v.height}`);
    if (v.fps) attrs.push(`FRAME-RATE=${v.fps.toFixed(3)}`);
    if (audio.length) attrs.push(`AUDIO="${AUDIO_GROUP}"`);
    if (subtitles.length) attrs.push(`SUBTITLES="${SUBTITLES_GROUP}"`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri, '');
  }
  return lines.join('\n');
}
