/**
 * Clip ranges: the part of a clip a monitor cites ("from 12:03 to 12:41").
 * Written as a W3C Media Fragment (`#t=12:03,12:41`, `#t=723.5,761`, `#t=npt:723`) in `src`
 * or in a shared link, or as the player's `start` / `end` attributes (which win).
 */
export interface ClipRange {
  /** Seconds from the clip's beginning; 0 when open. */
  start: number;
  /** Seconds; `undefined` when the range runs to the end of the clip. */
  end?: number;
}

/**
 * Parse a time value: plain seconds (`90`, `90.5`), clock (`1:30`, `01:02:03.5`), optionally
 * prefixed `npt:`. Returns `undefined` for anything else (negative, empty, garbage).
 */
export function parseTime(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const v = (value ?? '').trim().replace(/^npt:/, '');
  if (!v) return undefined;
  if (/^\d+(\.\d+)?s?$/.test(v)) return parseFloat(v);
  const m = /^(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)$/.exec(v);
  if (!m) return undefined;
  return (m[1] ? parseInt(m[1], 10) * 3600 : 0) + parseInt(m[2], 10) * 60 + parseFloat(m[3]);
}

/** Parse the value of a `t=` media fragment: `start`, `start,end` or `,end`. */
export function parseTParam(value: string): ClipRange | undefined {
  const [a = '', b, extra] = value.split(',');
  if (extra !== undefined) return undefined;
  const start = a === '' ? 0 : parseTime(a);
  const end = b === undefined || b === '' ? undefined : parseTime(b);
  if (start === undefined || (b !== undefined && b !== '' && end === undefined)) return undefined;
  if (end !== undefined && end <= start) return undefined;
  return { start, end };
}

/** Split a URL's `#t=` media fragment from the URL to load. Other fragments are kept. */
export function splitMediaFragment(url: string): { url: string; range?: ClipRange } {
  const hash = url.indexOf('#');
  if (hash < 0) return { url };
  const params = url.slice(hash + 1).split('&');
  const t = params.find((p) => p.startsWith('t='));
  if (!t) return { url };
  const range = parseTParam(decodeURIComponent(t.slice(2)));
  const rest = params.filter((p) => p !== t).join('&');
  return { url: url.slice(0, hash) + (rest ? `#${rest}` : ''), range };
}

/**
 * The range to play: `start`/`end` attributes over the source's fragment.
 * An end at or before the start is ignored (the range runs to the end).
 */
export function resolveClipRange(fragment: ClipRange | undefined, startAttr?: string | null, endAttr?: string | null): ClipRange {
  const start = parseTime(startAttr) ?? fragment?.start ?? 0;
  let end = parseTime(endAttr) ?? fragment?.end;
  if (end !== undefined && end <= start) end = undefined;
  return { start, end };
}

/** Keep a time inside the range (and inside the media's duration when known). */
export function clampToRange(t: number, range: ClipRange, duration?: number): number {
  const hi = Math.min(range.end ?? Infinity, duration && Number.isFinite(duration) ? duration : Infinity);
  return Math.max(range.start, Math.min(t, hi));
}

/** The range's effective end given the media's duration. */
export function rangeEnd(range: ClipRange, duration: number): number {
  const d = Number.isFinite(duration) && duration > 0 ? duration : 0;
  return range.end !== undefined ? (d ? Math.min(range.end, d) : range.end) : d;
}
