/**
 * Keeps the catalog in line with clip records (docs/catalog.md "Writing").
 *
 * `syncClipRecord` is called after every `media/<id>/video.json` write: by the packaging step (Node,
 * service credentials) and by admins (browser, Cognito credentials). For each collection it
 *   1. rewrites the clip's shard (`<prefix>shards/<nn>.json`): entry added, replaced or removed;
 *   2. raises that shard's version and count in the manifest (`<prefix>index.json`);
 *   3. for the public catalog, updates `catalog/recent.json` (the first page).
 * Every write is conditional (If-Match on the ETag read, If-None-Match: * to create) and re-applied
 * on 412, so concurrent syncs of different clips never lose an entry. Each step is idempotent and
 * converges: running a sync again (or a later sync of the same clip) repairs a step interrupted
 * midway. Order matters for viewers: a shard is written before the manifest announces its version.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { VideoRecord } from '../contract/video-record.js';
import {
  DEFAULT_SHARD_COUNT,
  RECENT_KEY,
  RECENT_SIZE,
  compareNewest,
  emptyManifest,
  emptyRecent,
  emptyShard,
  entryFromRecord,
  isPublic,
  manifestKey,
  shardKey,
  shardOf,
  type CatalogEntry,
  type CatalogManifest,
  type CatalogShard,
  type CollectionName,
  type RecentPage,
} from './format.js';
import { readJson, updateJson } from './s3-json.js';

/** Manifest and first page: short CDN lifetime, so a change shows within seconds. */
export const MANIFEST_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
/** Shards are fetched as `<key>?v=<version>`: a URL's content never goes back in time. */
export const SHARD_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const now = () => new Date().toISOString();

/** Bring the private index and the public catalog in line with this clip record. */
export async function syncClipRecord(s3: S3Client, bucket: string, record: VideoRecord): Promise<void> {
  await syncCollection(s3, bucket, 'index', record.id, entryFromRecord(record, 'index'));
  await syncCollection(s3, bucket, 'catalog', record.id, isPublic(record) ? entryFromRecord(record, 'catalog') : undefined);
}

/** Remove a clip from the public catalog and the private index (after deleting it). */
export async function removeClipFromCatalog(s3: S3Client, bucket: string, id: string): Promise<void> {
  await syncCollection(s3, bucket, 'catalog', id, undefined);
  await syncCollection(s3, bucket, 'index', id, undefined);
}

/** Put `entry` (or nothing, when undefined) in place of clip `id` in one collection. */
export async function syncCollection(
  s3: S3Client,
  bucket: string,
  collection: CollectionName,
  id: string,
  entry: CatalogEntry | undefined,
): Promise<void> {
  const existing = await readJson<CatalogManifest>(s3, bucket, manifestKey(collection));
  const shardCount = existing?.value.shardCount ?? DEFAULT_SHARD_COUNT;
  const n = shardOf(id, shardCount);

  // 1. The shard.
  const shard = await updateJson<CatalogShard>(
    s3,
    bucket,
    shardKey(collection, n),
    (cur) => {
      const s = cur ?? emptyShard(collection, n);
      const entries = replaceEntry(s.entries, id, entry);
      if (cur && entries === s.entries) return undefined; // already in line
      return { ...s, version: s.version + 1, entries };
    },
    { cacheControl: SHARD_CACHE_CONTROL },
  );
  const written = shard.value ?? emptyShard(collection, n);

  // 2. The manifest: versions only move forward, so the last writer of a shard always wins here.
  await updateJson<CatalogManifest>(
    s3,
    bucket,
    manifestKey(collection),
    (cur) => {
      const m = cur ?? emptyManifest(collection, shardCount);
      const info = m.shards[n] ?? { version: 0, count: 0 };
      if (cur && info.version >= written.version) return undefined;
      const shards = m.shards.slice();
      shards[n] = { version: written.version, count: written.entries.length };
      return { ...m, shards, updatedAt: now() };
    },
    { cacheControl: MANIFEST_CACHE_CONTROL },
  );

  // 3. The first page (the total lives in the manifest: viewers fetch both at once).
  if (collection !== 'catalog') return;
  await updateJson<RecentPage>(
    s3,
    bucket,
    RECENT_KEY,
    (cur) => {
      const r = cur ?? emptyRecent();
      let entries = r.entries.filter((e) => e.id !== id);
      if (entry) entries = [...entries, entry].sort(compareNewest).slice(0, RECENT_SIZE);
      if (cur && JSON.stringify(entries) === JSON.stringify(r.entries)) return undefined;
      return { ...r, entries, updatedAt: now() };
    },
    { cacheControl: MANIFEST_CACHE_CONTROL },
  );
}

/**
 * `entries` (sorted by id) with clip `id` replaced by `entry`, or removed when `entry` is undefined.
 * Returns the same array when nothing changes, so callers can skip the write.
 */
export function replaceEntry(entries: CatalogEntry[], id: string, entry: CatalogEntry | undefined): CatalogEntry[] {
  const i = entries.findIndex((e) => e.id === id);
  if (i >= 0 && entry && JSON.stringify(entries[i]) === JSON.stringify(entry)) return entries;
  if (i < 0 && !entry) return entries;
  const out = entries.filter((e) => e.id !== id);
  if (entry) {
    let j = 0;
    while (j < out.length && out[j].id < entry.id) j++;
    out.splice(j, 0, entry);
  }
  return out;
}
