/**
 * Every audio track of a source kept as an HLS audio rendition (a second audio program, a
 * commentary track), with its language and which one plays by default; 5.1 folded to stereo with
 * the ITU-R BS.775 downmix coefficients. Shared by the local ladder and the MediaConvert settings.
 */

/** An audio stream of the source, as the probe saw it. */
export interface SourceAudioTrack {
  /** Position among the source's audio streams (ffmpeg's `0:a:<index>`). */
  index: number;
  codec: string;
  channels: number;
  /** ffprobe's channel layout name (`5.1`, `5.1(side)`, `stereo`), when known. */
  channelLayout?: string;
  /** The stream's language tag as stored (ISO 639-2, e.g. `spa`), when it has one. */
  language?: string;
  title?: string;
  /** The stream is marked default in the file. */
  isDefault: boolean;
}

/** An audio rendition to make. */
export interface AudioTrackPlan {
  source: SourceAudioTrack;
  /** BCP 47 language tag for HLS `LANGUAGE` and the record (`es`, `en`; `und` when unknown). */
  lang: string;
  /** ISO 639-2 code written into the output stream (`spa`, `eng`, `und`). */
  iso6392: string;
  /** What a track menu shows: the language's own name, else the stream title, else "Audio N". */
  label: string;
  default: boolean;
  /** Folder of its own rendition, or null when muxed into every video rendition (the default of a single-track clip, or of radio). */
  folder: string | null;
}

/** ISO 639-2 (bibliographic and terminologic) codes that have a two-letter ISO 639-1 code. */
const ISO639_1: Readonly<Record<string, string>> = {
  spa: 'es',
  eng: 'en',
  fra: 'fr',
  fre: 'fr',
  por: 'pt',
  deu: 'de',
  ger: 'de',
  ita: 'it',
  cat: 'ca',
  eus: 'eu',
  baq: 'eu',
  glg: 'gl',
  zho: 'zh',
  chi: 'zh',
  jpn: 'ja',
  kor: 'ko',
  rus: 'ru',
  ara: 'ar',
  nld: 'nl',
  dut: 'nl',
  pol: 'pl',
  tur: 'tr',
  heb: 'he',
  hin: 'hi',
  ukr: 'uk',
  ell: 'el',
  gre: 'el',
  swe: 'sv',
  nor: 'no',
  dan: 'da',
  fin: 'fi',
  ces: 'cs',
  cze: 'cs',
  ron: 'ro',
  rum: 'ro',
  hun: 'hu',
  que: 'qu',
  grn: 'gn',
  aym: 'ay',
  vie: 'vi',
  tha: 'th',
  ind: 'id',
  msa: 'ms',
  may: 'ms',
  fas: 'fa',
  per: 'fa',
};

/**
 * BCP 47 tag from a stored language tag: two-letter where ISO 639-1 has one, otherwise the
 * three-letter code (valid BCP 47 too: `nah`, `yua`, `zap` for Mexico's languages), `und` if none.
 */
export function languageTag(stored: string | undefined): string {
  const t = (stored ?? '').trim().toLowerCase();
  if (/^[a-z]{2}(-[a-z0-9]{2,8})*$/.test(t)) return t;
  if (!/^[a-z]{3}$/.test(t) || t === 'und' || t === 'mis' || t === 'mul' || t === 'zxx') return 'und';
  return ISO639_1[t] ?? t;
}

/** The ISO 639-2 code for an output stream's language tag. */
export function iso6392Of(tag: string): string {
  if (/^[a-z]{3}$/.test(tag)) return tag;
  return Object.entries(ISO639_1).find(([, two]) => two === tag.split('-')[0])?.[0] ?? 'und';
}

/** The language's own name, capitalised (`Español`, `English`), or null when unknown. */
export function languageName(tag: string): string | null {
  if (tag === 'und') return null;
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (!name || name.toLowerCase() === tag) return null;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return null;
  }
}

const safeFolder = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '').slice(0, 20) || 'x';

/**
 * The track layout (docs/packaging.md "Audio tracks"): a clip with one audio track keeps it muxed
 * into every video rendition (plays everywhere, hls.js light included); a video clip with two or
 * more is demuxed, every track its own audio-only rendition and the video renditions silent,
 * because players switch between separate renditions but cannot leave audio muxed in fMP4 video
 * for one (hls.js: `bufferAppendError`). Radio keeps its default track as the variant itself.
 */
export const demuxesAudio = (audioTracks: number, hasVideo: boolean): boolean => hasVideo && audioTracks >= 2;

/**
 * One rendition per source audio track. The default is the track the file marks default (else the
 * first). `demux` (see `demuxesAudio`): every track gets a folder of its own; otherwise the default
 * is muxed (no folder) and the others get folders.
 */
export function planAudioTracks(tracks: SourceAudioTrack[], demux = false): AudioTrackPlan[] {
  const defaultIndex = (tracks.find((t) => t.isDefault) ?? tracks[0])?.index;
  const labels = new Map<string, number>();
  const folders = new Set<string>();
  return tracks.map((t, n) => {
    const lang = languageTag(t.language);
    let label = languageName(lang) ?? (t.title?.trim().slice(0, 80) || `Audio ${n + 1}`);
    const seen = labels.get(label) ?? 0;
    labels.set(label, seen + 1);
    if (seen) label = `${label} (${seen + 1})`;
    const isDefault = t.index === defaultIndex;
    let folder: string | null = null;
    if (!isDefault || demux) {
      folder = `audio_${safeFolder(lang)}`;
      for (let k = 2; folders.has(folder); k++) folder = `audio_${safeFolder(lang)}${k}`;
      folders.add(folder);
    }
    return { source: t, lang, iso6392: iso6392Of(lang), label, default: isDefault, folder };
  });
}

/**
 * Stereo from 5.1 by ITU-R BS.775: Lo = L + 0.707·C + 0.707·Ls, Ro = R + 0.707·C + 0.707·Rs
 * (centre and surrounds at -3 dB, LFE dropped), as ffmpeg's pan filter; null for other layouts
 * (stereo and mono pass; other multichannel layouts use ffmpeg's own downmix). No renormalisation:
 * broadcast 5.1 is mixed with headroom (-24 LKFS, -2 dBTP), and scaling all gains to sum to 1 would
 * make such tracks 7.7 dB quieter than the stereo ones next to them.
 */
export function downmixFilter(track: Pick<SourceAudioTrack, 'channels' | 'channelLayout'>): string | null {
  if (track.channels !== 6) return null;
  const [ls, rs] = track.channelLayout?.includes('side') ? ['SL', 'SR'] : ['BL', 'BR'];
  return `pan=stereo|FL=FL+0.7071*FC+0.7071*${ls}|FR=FR+0.7071*FC+0.7071*${rs}`;
}

/** What the clip record lists for each audio track (src/contract/video-record.ts AudioTrack). */
export const recordAudioTracks = (plans: AudioTrackPlan[], uriOf: (p: AudioTrackPlan) => string | undefined) =>
  plans.map((p) => {
    const uri = uriOf(p);
    return { lang: p.lang, label: p.label, default: p.default, channels: p.source.channels, ...(uri ? { uri } : {}) };
  });
