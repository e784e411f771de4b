/**
 * What the uploader's card says about packaging: the state word and, for a failure, the
 * translated reason (with its figures formatted for the page's language) and what to do.
 */
import type { PackagingProgress } from '../../upload/packaging-watch.js';
import { formatDuration } from './format.js';

type T = (key: string, ...args: unknown[]) => string;

export interface FigureFormat {
  bytes(n: number): string;
  number(n: number): string;
}

/** A failure's figures as text: `…Bytes`/`bytes` as sizes, `…Seconds` as durations, other numbers as numbers. */
export function failureFigures(params: Record<string, string | number>, t: T, f: FigureFormat): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) out[name] = String(value);
    else if (/bytes$/i.test(name)) out[name] = f.bytes(value);
    else if (/seconds$/i.test(name)) out[name] = formatDuration(value, t);
    else out[name] = f.number(value);
  }
  return out;
}

/** The failure's reason and advice, translated. */
export function failureTexts(p: Extract<PackagingProgress, { status: 'failed' }>, t: T, f: FigureFormat): { reason: string; advice: string } {
  const figures = failureFigures(p.params, t, f);
  return { reason: t(`failure.${p.code}`, figures), advice: t(`advice.${p.code}`, figures) };
}
