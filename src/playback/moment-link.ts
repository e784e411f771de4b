/**
 * Links to a moment of a clip (`#t=` media fragments, clip-range.ts). Its own module: only "copy
 * link to this moment" uses it, in the player's lazy chunk, not in the first download.
 */
import { splitMediaFragment } from './clip-range.js';

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/** `t=` value for a moment (and the end of the range, when it has one). */
export function formatTParam(from: number, end?: number): string {
  return end !== undefined && end > from ? `${fmt(from)},${fmt(end)}` : fmt(from);
}

/**
 * A link to a moment of the clip: `base` (the page, or any URL) with its `#t=` fragment replaced.
 * @example momentLink('https://ine.mx/monitoreo?id=9#x', 723.4, 761) === 'https://ine.mx/monitoreo?id=9#t=723.4,761'
 */
export function momentLink(base: string, from: number, end?: number): string {
  const { url } = splitMediaFragment(base);
  const hash = url.indexOf('#');
  const path = hash < 0 ? url : url.slice(0, hash);
  return `${path}#t=${formatTParam(from, end)}`;
}
