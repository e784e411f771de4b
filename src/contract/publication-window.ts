/**
 * Whether a clip is visible to viewers at a given instant: the one rule the catalog indexer (what
 * the public catalog lists), the stand-in's CDN gate and the AWS publication sync (what the
 * CloudFront Function is told) all apply. A clip is listed when it is published, ready, and inside
 * its window: not before `metadata.publishAt` (embargo), not from `metadata.unpublishAt` on.
 *
 * The instant is always the server's (or the edge's) clock, never the viewer's: a viewer whose clock
 * is hours off sees exactly what everyone else sees.
 */

/** The parts of a clip record the rule reads (a record, or anything shaped like one). */
export interface PublicationFacts {
  published?: unknown;
  status?: unknown;
  metadata?: { publishAt?: unknown; unpublishAt?: unknown } | null;
}

/** Epoch milliseconds; absent = open on that side. */
export interface PublicationWindow {
  from?: number;
  until?: number;
}

const instant = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
};

export function windowOf(r: PublicationFacts): PublicationWindow {
  const w: PublicationWindow = {};
  const from = instant(r.metadata?.publishAt);
  const until = instant(r.metadata?.unpublishAt);
  if (from !== undefined) w.from = from;
  if (until !== undefined) w.until = until;
  return w;
}

/** Inside the window at `now` (ms): from `from` (inclusive) to `until` (exclusive). */
export const insideWindow = (w: PublicationWindow, now: number): boolean =>
  (w.from === undefined || now >= w.from) && (w.until === undefined || now < w.until);

/** The one rule: published, ready, and inside its window at `now` (ms, the server's clock). */
export const isListedAt = (r: PublicationFacts, now: number): boolean =>
  r.published === true && r.status === 'ready' && insideWindow(windowOf(r), now);

/** The next instant after `now` at which `isListedAt` may change for this record, if any. */
export function nextBoundary(r: PublicationFacts, now: number): number | undefined {
  const w = windowOf(r);
  return [w.from, w.until].filter((t): t is number => t !== undefined && t > now).sort((a, b) => a - b)[0];
}

/**
 * The window as the CDN's KeyValueStore holds it for a published clip: `w1:<from>:<until>` with
 * epoch milliseconds, empty when open (`w1::` is always inside). The CloudFront Function
 * (infra/cdn/viewer-request.js) decodes the same format; a malformed `w1:` value is refused there,
 * and a value from before windows existed (a date) counts as an open window.
 */
export const encodeWindow = (w: PublicationWindow): string => `w1:${w.from ?? ''}:${w.until ?? ''}`;

export function decodeWindow(value: string): PublicationWindow | undefined {
  const m = /^w1:(\d*):(\d*)$/.exec(value);
  if (!m) return undefined;
  const w: PublicationWindow = {};
  if (m[1]) w.from = Number(m[1]);
  if (m[2]) w.until = Number(m[2]);
  return w;
}
