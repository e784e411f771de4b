/**
 * Which hls.js build a clip needs, from its master playlist's audio group (DOM-free; its own module
 * so that the hls.js engine chunk shares nothing more with the player's).
 */

/** The few fields of an hls.js `MediaPlaylist` (an audio track of the master) read by the player. */
export interface HlsAudioTrackLike {
  name?: string;
  lang?: string;
  /** Its own media playlist; absent for audio muxed into the video renditions. */
  url?: string;
}

/**
 * Whether the audio group has renditions of their own (demuxed audio): hls.js light plays none of
 * them, so such a clip needs the full build. Clips with one audio track carry it muxed in the
 * video (docs/packaging.md "Audio tracks") and stay on the light build.
 */
export const needsAlternateAudio = (tracks: ReadonlyArray<HlsAudioTrackLike>): boolean => tracks.some((t) => !!t.url);
