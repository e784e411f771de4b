/** What a local packaging run (ffmpeg ladder or pure-Node remux) leaves in its output folder. */
import type { AudioTrack, CaptionTrack } from '../src/contract/index.js';
import type { MeasuredVariant } from './playlists.js';

export interface PackageResult {
  packager: 'ffmpeg' | 'remux';
  packagerNote?: string;
  variants: MeasuredVariant[];
  /** Every audio track, for the record (absent when the source has none). */
  audioTracks?: AudioTrack[];
  /** WebVTT captions made from the source's own (absent: none looked for, e.g. the remux). */
  captions?: CaptionTrack[];
  /** `poster.jpg` or null. */
  poster: string | null;
  /** `storyboard.vtt` or null (its image is `storyboard.jpg`). */
  storyboard: string | null;
  /** Every output file, relative to the clip folder; `master.m3u8` included. */
  files: string[];
}
