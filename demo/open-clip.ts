/**
 * The public page opens on something to watch: the clip named in the address (`?v=<id>`, what a
 * copied "link to this moment" carries), else the catalog's first clip in its default order (the
 * newest), else nothing — and then the player itself says "Elige un clip para verlo aquí." with no
 * play button. Choosing a clip puts its id in the address, so a copied link reopens the same clip.
 */
interface Entry {
  id: string;
}
interface CatalogLike extends HTMLElement {
  loaded: Promise<void>;
  visibleEntries: Entry[];
  select(entry: Entry): Promise<void>;
}

/** The `?v=` of this address, when it names a clip id (as the catalog writes them: 32 hex digits). */
export function clipInAddress(href = location.href): string | undefined {
  const v = new URL(href).searchParams.get('v') ?? '';
  return /^[0-9a-f]{32}$/i.test(v) ? v : undefined;
}

/** Resolves once the player shows a clip, or it is known that there is none to show. */
export async function openFirstClip(catalog: HTMLElement, player: HTMLElement): Promise<void> {
  const named = clipInAddress();
  if (named) return void player.setAttribute('video-id', named);
  await customElements.whenDefined('ine-catalog');
  const c = catalog as CatalogLike;
  await c.loaded;
  // The viewer may have chosen one meanwhile.
  if (player.getAttribute('video-id')) return;
  const newest = c.visibleEntries[0];
  if (newest) await c.select(newest);
}

/**
 * Keep the chosen clip in the address (no new history entry; an old `#t=` belonged to another clip).
 * A caption hit's moment (`ine-select`'s `startSeconds`) goes in as `#t=`, the player's own moment
 * link, so the address reopens the clip where the words are said.
 */
export function rememberClip(videoId: string, startSeconds?: number): void {
  const url = new URL(location.href);
  url.searchParams.set('v', videoId);
  url.hash = startSeconds !== undefined && Number.isFinite(startSeconds) ? `t=${Math.floor(startSeconds * 1000) / 1000}` : '';
  history.replaceState(history.state, '', url);
}
