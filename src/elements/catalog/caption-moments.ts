/**
 * The moments of the caption hits the catalog shows (src/catalog/caption-moment.ts): looked up for
 * the rendered results only, once per clip and query, from the public CDN (a published clip's record
 * and caption files; an admin's draft is not there and shows no quote). A result renders as soon as
 * it is known; a lookup that fails shows nothing more.
 */
import type { ReactiveControllerHost } from 'lit';
import { captionMoment, captionOnlyTerms, cdnMomentSource, type CaptionMoment } from '../../catalog/caption-moment.js';
import type { CatalogEntry } from '../../catalog/format.js';

/** Lookups kept (per clip and query): more are dropped oldest first. */
const KEPT = 500;

const fetchText = async (url: string): Promise<string | undefined> => {
  try {
    const res = await fetch(url, { credentials: 'omit' });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
};

export class CaptionMoments {
  private readonly found = new Map<string, CaptionMoment | null>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly cdnBaseUrl: () => string,
  ) {}

  /** The moment of this result for this query: undefined while unknown or when it is not a caption hit. */
  momentOf(e: CatalogEntry, query: string | undefined): CaptionMoment | undefined {
    if (!query || !captionOnlyTerms(e, query).length) return undefined;
    const key = `${e.id}\n${query}`;
    const known = this.found.get(key);
    if (known !== undefined) return known ?? undefined;
    const base = this.cdnBaseUrl();
    if (!base) return undefined;
    this.found.set(key, null);
    if (this.found.size > KEPT) this.found.delete(this.found.keys().next().value!);
    void captionMoment(e, query, cdnMomentSource(base, fetchText)).then((m) => {
      if (!m) return;
      this.found.set(key, m);
      this.host.requestUpdate();
    });
    return undefined;
  }
}

type PlayerLike = HTMLElement & { currentTime?: number; readonly duration?: number; play?: () => Promise<void>; updateComplete?: Promise<unknown> };

/** The seek waiting for a player's clip to load (replaced by the next choice, so it never seeks another clip). */
const pending = new WeakMap<HTMLElement, () => void>();

/**
 * Start a player at `seconds` of the clip it was just given (or has): once its metadata is there,
 * and play from there (chosen by the viewer; a refused autoplay leaves it paused at that moment).
 * `sameClip`: the player already had this clip (no new metadata is coming). `seconds` undefined:
 * only forgets a seek still waiting from an earlier choice.
 */
export async function startPlayerAt(player: PlayerLike, seconds: number | undefined, sameClip: boolean): Promise<void> {
  const before = pending.get(player);
  if (before) player.removeEventListener('loadedmetadata', before);
  pending.delete(player);
  if (seconds === undefined) return;
  await player.updateComplete; // the new clip id applied
  const seek = () => {
    pending.delete(player);
    player.currentTime = seconds;
  };
  if (sameClip && Number.isFinite(player.duration) && (player.duration ?? 0) > 0) seek();
  else {
    pending.set(player, seek);
    player.addEventListener('loadedmetadata', seek, { once: true });
  }
  void player.play?.().catch(() => {});
}
