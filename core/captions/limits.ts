/** Limits on an attached caption file (docs/packaging.md "Attached caption files"), defined once. */
export const CAPTION_LIMITS = {
  /** Largest file accepted (UTF-8 bytes): an hour of dense news captions is about 120 KiB. */
  bytes: 512 * 1024,
  /** Most cues in one file. */
  cues: 5000,
  /** Longest cue text after sanitizing (characters). */
  cueChars: 500,
  /** Most lines in one cue. */
  cueLines: 4,
  /** How far a cue may run past the clip's end (rounding in editors), seconds; the end is then clipped. */
  endSlackSeconds: 1,
} as const;

/** The media types the route takes, and which format each is. */
export const CAPTION_MEDIA_TYPES: Readonly<Record<string, 'vtt' | 'srt'>> = {
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'text/srt': 'srt',
};
