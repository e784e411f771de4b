/**
 * Native HLS where the browser has `video.audioTracks` (Safari; Chromium only behind a flag): the
 * clip's audio tracks for the menu, and choosing one. A chunk of its own, loaded only where the
 * API exists, so browsers without it never download it.
 */
import type { AudioTrackInfo } from '../../playback/audio-tracks.js';

interface NativeAudioTrack {
  label: string;
  language: string;
  enabled: boolean;
}
type NativeAudioTrackList = EventTarget & ArrayLike<NativeAudioTrack>;

const tracksOf = (v: HTMLVideoElement) => (v as HTMLVideoElement & { audioTracks?: NativeAudioTrackList }).audioTracks;

/** Reports the tracks (an empty list for one) and the enabled one on every change; returns the way to stop. */
export function watchNativeAudio(v: HTMLVideoElement, report: (list: AudioTrackInfo[], enabled: number) => void): () => void {
  const tracks = tracksOf(v);
  if (!tracks) return () => {};
  const read = () => {
    const list = Array.from(tracks);
    report(
      list.length > 1 ? list.map((t) => ({ lang: t.language, name: t.label })) : [],
      list.findIndex((t) => t.enabled),
    );
  };
  const types = ['addtrack', 'removetrack', 'change'];
  for (const type of types) tracks.addEventListener(type, read);
  read();
  return () => types.forEach((type) => tracks.removeEventListener(type, read));
}

/** Plays track `index`: enabled first, then the others disabled, never a moment without audio. */
export function enableNativeAudio(v: HTMLVideoElement, index: number): void {
  const tracks = tracksOf(v);
  if (!tracks?.[index]) return;
  tracks[index].enabled = true;
  for (let i = 0; i < tracks.length; i++) if (i !== index) tracks[i].enabled = false;
}
