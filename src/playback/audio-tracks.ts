/**
 * A clip's audio tracks as the player's audio menu offers them, whichever engine plays it: hls.js'
 * `audioTracks` (from the master's `EXT-X-MEDIA:TYPE=AUDIO` group) or the `<video>`'s own
 * `audioTracks` (native HLS where the browser has the API). DOM-free.
 */

import type { HlsAudioTrackLike } from './alternate-audio.js';

/** One entry of the audio menu. */
export interface AudioOption {
  /** The engine's index of the track (what choosing it sets). */
  index: number;
  /** BCP 47 language tag, `''` when the stream does not say. */
  lang: string;
  /** What the menu shows: the track's own name (`Español`, `English`). */
  label: string;
}

/** The few fields of a native `AudioTrack` read here. */
export interface NativeAudioTrackLike {
  label: string;
  language: string;
  enabled: boolean;
}

const own = (lang: string): string | undefined => {
  try {
    const name = lang ? new Intl.DisplayNames([lang], { type: 'language' }).of(lang) : undefined;
    return name && name.toLowerCase() !== lang.toLowerCase() ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : undefined;
  } catch {
    return undefined;
  }
};

/** The menu label: the track's name, else its language's own name, else `Audio N`. */
export function audioLabel(name: string | undefined, lang: string | undefined, index: number): string {
  return name?.trim() || own(lang ?? '') || `Audio ${index + 1}`;
}

/** The menu of an hls.js clip (its `audioTracks`). */
export const audioOptionsFromHls = (tracks: ReadonlyArray<HlsAudioTrackLike>): AudioOption[] =>
  tracks.map((t, index) => ({ index, lang: t.lang ?? '', label: audioLabel(t.name, t.lang, index) }));

/** The menu of a natively played clip (`video.audioTracks`), and the track enabled now (-1 none). */
export function audioOptionsFromNative(tracks: ArrayLike<NativeAudioTrackLike>): { options: AudioOption[]; enabled: number } {
  const options: AudioOption[] = [];
  let enabled = -1;
  for (let index = 0; index < tracks.length; index++) {
    const t = tracks[index];
    options.push({ index, lang: t.language, label: audioLabel(t.label, t.language, index) });
    if (t.enabled && enabled < 0) enabled = index;
  }
  return { options, enabled };
}
