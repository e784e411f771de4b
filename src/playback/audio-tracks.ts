/**
 * A clip's audio tracks, whichever engine plays it: hls.js' `audioTracks` (from the master's
 * `EXT-X-MEDIA:TYPE=AUDIO` group) or the `<video>`'s own `audioTracks` (native HLS where the
 * browser has the API), and what the audio menu shows for each. DOM-free. The labels are made by
 * the settings panel (a lazy chunk), so the first download carries only the plain list.
 */

/** One audio track as the engine lists it; its position in the list is what choosing it sets. */
export interface AudioTrackInfo {
  /** BCP 47 language tag, `''` when the stream does not say. */
  lang: string;
  /** The track's name in the playlist (`Español`), `''` when none. */
  name: string;
}

/** One entry of the audio menu. */
export interface AudioOption {
  index: number;
  lang: string;
  /** The track's name, else its language's own name, else `Audio N`. */
  label: string;
}

const ownName = (lang: string): string | undefined => {
  try {
    const name = lang ? new Intl.DisplayNames([lang], { type: 'language' }).of(lang) : undefined;
    return name && name.toLowerCase() !== lang.toLowerCase() ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : undefined;
  } catch {
    return undefined;
  }
};

/** The menu label of track `index`. */
export const audioLabel = (t: AudioTrackInfo, index: number): string => t.name.trim() || ownName(t.lang) || `Audio ${index + 1}`;

/** The audio menu's entries. */
export const audioOptions = (tracks: ReadonlyArray<AudioTrackInfo>): AudioOption[] =>
  tracks.map((t, index) => ({ index, lang: t.lang, label: audioLabel(t, index) }));
