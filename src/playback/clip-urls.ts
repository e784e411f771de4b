/**
 * From a clip id to URLs, through the storage contract (docs/contract.md): everything of a clip
 * lives under `<cdnBaseUrl>/media/<id>/`, described by its `video.json`. (Its own module: the
 * script-tag loader needs it, and nothing else of source.ts.)
 */
export interface ClipUrls {
  folder: string;
  master: string;
  record: string;
}

export function clipUrls(cdnBaseUrl: string, videoId: string): ClipUrls {
  const folder = `${cdnBaseUrl.replace(/\/+$/, '')}/media/${encodeURIComponent(videoId)}/`;
  return { folder, master: `${folder}master.m3u8`, record: `${folder}video.json` };
}
