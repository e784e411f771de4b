/**
 * From a clip id to URLs, through the storage contract (docs/contract.md): everything of a clip
 * lives under `<cdnBaseUrl>/media/<id>/`, described by its `video.json`. (Its own module: the
 * script-tag loader needs it, and nothing else of source.ts.)
 */
export interface ClipUrls {
  folder: string;
  master: string;
  record: string;
  /**
   * Signed-URL parameters every URL of the folder carries (an admin's draft preview: CloudFront
   * `Policy`, `Signature`, `Key-Pair-Id`), or '' for the public CDN.
   */
  query: string;
}

/** `url` with `query` added (nothing when `query` is empty). */
export const withQuery = (url: string, query: string): string => (query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url);

export function clipUrls(cdnBaseUrl: string, videoId: string, query = ''): ClipUrls {
  const folder = `${cdnBaseUrl.replace(/\/+$/, '')}/media/${encodeURIComponent(videoId)}/`;
  return { folder, master: withQuery(`${folder}master.m3u8`, query), record: withQuery(`${folder}video.json`, query), query };
}
