/**
 * Seek-preview storyboards: a WebVTT file whose cues point at regions of a sprite image
 * (`storyboard.jpg#xywh=160,0,160,90`), as the packager writes and most players read.
 */
import type { StoryboardCue } from './storyboard-cue.js';

// The cue type and the lookup the seek bar needs at once live apart (storyboard-cue.ts); the
// parsing here is loaded by the player only when a clip has a storyboard.
export type { StoryboardCue };

/** `hh:mm:ss.ttt` or `mm:ss.ttt` WebVTT timestamp to seconds. */
export function parseVttTimestamp(ts: string): number | undefined {
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})$/.exec(ts.trim());
  if (!m) return undefined;
  return (m[1] ? parseInt(m[1], 10) * 3600 : 0) + parseInt(m[2], 10) * 60 + parseInt(m[3], 10) + parseInt(m[4], 10) / 1000;
}

/** Parse a storyboard VTT; image URLs are resolved against `baseUrl` (the VTT's own URL). */
/** A relative image of a signed storyboard (a draft preview) carries the storyboard's signed parameters too. */
function imageUrl(ref: string, baseUrl: string): string {
  const u = new URL(ref, baseUrl);
  const base = new URL(baseUrl);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(ref) && !u.search && base.search && u.origin === base.origin) u.search = base.search;
  return u.href;
}

export function parseStoryboardVtt(text: string, baseUrl: string): StoryboardCue[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!/^WEBVTT/.test(lines[0] ?? '')) throw new Error('Not a WebVTT file');
  const cues: StoryboardCue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const arrow = lines[i].indexOf('-->');
    if (arrow < 0) continue;
    const start = parseVttTimestamp(lines[i].slice(0, arrow));
    const end = parseVttTimestamp(
      lines[i]
        .slice(arrow + 3)
        .trim()
        .split(/\s+/)[0],
    );
    const payload = (lines[i + 1] ?? '').trim();
    const m = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(payload);
    if (start === undefined || end === undefined || !m) continue;
    cues.push({ start, end, url: imageUrl(m[1], baseUrl), x: +m[2], y: +m[3], w: +m[4], h: +m[5] });
  }
  return cues;
}
