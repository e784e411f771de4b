/** Content types and cache lifetimes of what the CDN origin serves (documented in docs/stand-in.md). */

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.json': 'application/json; charset=utf-8',
};

/** Segments and images never change under a name: a year, immutable. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Playlists, clip records, captions/storyboards and the catalog change on publish and edit. */
export const SHORT = 'public, max-age=5, stale-while-revalidate=30';

function extension(key: string): string {
  const slash = key.lastIndexOf('/');
  const dot = key.lastIndexOf('.');
  return dot > slash ? key.slice(dot).toLowerCase() : '';
}

export function contentTypeFor(key: string, stored?: string): string {
  return TYPES[extension(key)] ?? stored ?? 'application/octet-stream';
}

export function cacheControlFor(key: string): string {
  if (key.startsWith('catalog/')) return SHORT;
  const ext = extension(key);
  return ext === '.m3u8' || ext === '.json' || ext === '.vtt' || ext === '' ? SHORT : IMMUTABLE;
}

/** Worth gzipping on the fly (text formats). */
export function compressible(key: string): boolean {
  const ext = extension(key);
  return ext === '.json' || ext === '.vtt' || ext === '.m3u8';
}
