/**
 * Seek-preview storyboard: one sprite image of small frames taken every `interval` seconds, in a
 * grid, and a WebVTT file whose cues point into it with media fragments (`storyboard.jpg#xywh=…`),
 * the format hls.js-based players (Vidstack, Media Chrome, Video.js) read.
 */
export interface StoryboardPlan {
  interval: number;
  count: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/** At most 120 tiles, at least one per second; tiles are 160 px on their long side. */
export function planStoryboard(durationSeconds: number, width: number, height: number, maxTiles = 120): StoryboardPlan {
  const interval = Math.max(1, Math.ceil(durationSeconds / maxTiles));
  const count = Math.max(1, Math.ceil(durationSeconds / interval));
  const columns = Math.min(10, count);
  const rows = Math.ceil(count / columns);
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  const [tileWidth, tileHeight] = width >= height ? [160, even((160 * height) / width)] : [even((160 * width) / height), 160];
  return { interval, count, columns, rows, tileWidth, tileHeight };
}

const ts = (s: number) => {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const sec = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(sec)}.${pad(ms % 1000, 3)}`;
};

/** The storyboard's WebVTT, one cue per tile, the last cue ending at the clip's end. */
export function storyboardVtt(plan: StoryboardPlan, durationSeconds: number, image = 'storyboard.jpg'): string {
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < plan.count; i++) {
    const start = i * plan.interval;
    const end = Math.min(durationSeconds, (i + 1) * plan.interval);
    if (end <= start) break;
    const x = (i % plan.columns) * plan.tileWidth;
    const y = Math.floor(i / plan.columns) * plan.tileHeight;
    lines.push(`${ts(start)} --> ${ts(end)}`, `${image}#xywh=${x},${y},${plan.tileWidth},${plan.tileHeight}`, '');
  }
  return lines.join('\n');
}
