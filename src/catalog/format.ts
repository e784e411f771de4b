/**
 * The catalog format (docs/catalog.md, schemas/catalog-*.schema.json), version 1.
 *
 * Two collections share one shape:
 *  - `catalog/` — public, served by the CDN: published and ready clips only.
 *  - `index/`   — private (admins, through S3 with credentials): every clip, with status and failure reason.
 *
 * Each collection is `<prefix>index.json` (a small manifest: shard count and each shard's version and
 * size), `<prefix>shards/<nn>.json` (the entries whose id hashes to shard nn) and, for the public
 * catalog, `catalog/recent.json` (the newest entries, the first page a viewer sees).
 * Sharding by id hash keeps every write small: one clip touches one shard, the manifest and recent.json.
 *
 * DOM-free: runs in browsers, Workers and Node (the packaging step syncs from Node).
 */
import type { ClipStatus, VideoRecord } from '../contract/video-record.js';
import type { ClipMetadata } from '../contract/clip-fields.js';
import { isListedAt } from '../contract/publication-window.js';
import { pickClipMetadata } from '../contract/clip-validate.js';

export const CATALOG_VERSION = 1;
/** Shards per collection. 64 keeps a shard of a 100,000-clip catalog around 100 KB gzip. */
export const DEFAULT_SHARD_COUNT = 64;
/** Entries in `catalog/recent.json`. */
export const RECENT_SIZE = 48;

export type CollectionName = 'catalog' | 'index';

/** One clip as listed: what the catalog shows, searches and filters (every clip field, src/contract/clip-fields.ts, plus these). */
export type CatalogEntry = ClipMetadata & CatalogEntryOwn;

export interface CatalogEntryOwn {
  id: string;
  durationSeconds?: number;
  /** Poster file relative to `media/<id>/`, when there is one. */
  poster?: string;
  publishedAt?: string;
  updatedAt: string;
  /**
   * Words said in the clip (its caption files), normalized, distinct, space-separated, bounded
   * (caption-words.ts): the indexer adds them; searched below every metadata field (terms.ts).
   * Writer-side only: a stored chunk keeps them in the writer's own state (`w/s-…`), so a viewer
   * showing a result never downloads them; what viewers get is `captioned`.
   */
  captionWords?: string;
  /** The clip's caption words are in the index: a hit may come from what is said in it. */
  captioned?: true;
  /** Private index only. */
  status?: ClipStatus;
  failureReason?: string;
  /** Private index only: the failure's stable code, for a translated text. */
  failureCode?: string;
  published?: boolean;
}

export interface ShardInfo {
  /** Increases by one on every write of the shard; viewers fetch `shards/<nn>.json?v=<version>`. */
  version: number;
  count: number;
}

/** `<prefix>index.json`. */
export interface CatalogManifest {
  schemaVersion: typeof CATALOG_VERSION;
  collection: CollectionName;
  shardCount: number;
  /** One per shard, index = shard number. */
  shards: ShardInfo[];
  updatedAt: string;
}

/** `<prefix>shards/<nn>.json`. */
export interface CatalogShard {
  schemaVersion: typeof CATALOG_VERSION;
  collection: CollectionName;
  shard: number;
  version: number;
  /** Sorted by id. */
  entries: CatalogEntry[];
}

/** `catalog/recent.json`: the newest public entries, newest first (by `entryDate`). */
export interface RecentPage {
  schemaVersion: typeof CATALOG_VERSION;
  collection: 'catalog';
  entries: CatalogEntry[];
  updatedAt: string;
}

export const manifestKey = (c: CollectionName): string => `${c}/index.json`;
export const shardKey = (c: CollectionName, n: number): string => `${c}/shards/${String(n).padStart(2, '0')}.json`;
export const RECENT_KEY = 'catalog/recent.json';

/** FNV-1a 32-bit: stable, fast, identical in every runtime. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const shardOf = (id: string, shardCount: number): number => fnv1a(id) % shardCount;

/** Whether viewers may see this clip (public catalog, CDN) at `now` (ms, the server's clock): published, ready, inside its window. */
export const isPublic = (r: VideoRecord, now: number = Date.now()): boolean => isListedAt(r, now);

/** The date a clip is listed and sorted by: broadcast, else publication, else upload. */
export const entryDate = (e: Pick<CatalogEntry, 'broadcastAt' | 'publishedAt' | 'updatedAt'>): string =>
  e.broadcastAt || e.publishedAt || e.updatedAt;

/** The listed form of a record; the private index keeps status, failure and publication too. */
export function entryFromRecord(r: VideoRecord, collection: CollectionName): CatalogEntry {
  const e: CatalogEntry = { id: r.id, ...pickClipMetadata(r.metadata ?? {}), updatedAt: r.updatedAt };
  if (typeof r.durationSeconds === 'number') e.durationSeconds = r.durationSeconds;
  if (r.poster) e.poster = r.poster;
  if (r.publishedAt) e.publishedAt = r.publishedAt;
  if (collection === 'index') {
    e.status = r.status;
    e.published = r.published === true;
    if (r.failureReason) e.failureReason = r.failureReason;
    if (r.failureReason && r.failureCode) e.failureCode = r.failureCode;
  }
  return e;
}

export function emptyManifest(collection: CollectionName, shardCount = DEFAULT_SHARD_COUNT): CatalogManifest {
  return {
    schemaVersion: CATALOG_VERSION,
    collection,
    shardCount,
    shards: Array.from({ length: shardCount }, () => ({ version: 0, count: 0 })),
    updatedAt: new Date(0).toISOString(),
  };
}

export function emptyShard(collection: CollectionName, shard: number): CatalogShard {
  return { schemaVersion: CATALOG_VERSION, collection, shard, version: 0, entries: [] };
}

export function emptyRecent(): RecentPage {
  return { schemaVersion: CATALOG_VERSION, collection: 'catalog', entries: [], updatedAt: new Date(0).toISOString() };
}

/** Readers refuse versions they do not know (docs/contract.md). */
export function assertVersion(doc: { schemaVersion?: unknown } | undefined, what: string): void {
  if (doc && doc.schemaVersion !== CATALOG_VERSION) {
    throw new Error(`${what}: unsupported schemaVersion ${String(doc.schemaVersion)} (this reader knows ${CATALOG_VERSION})`);
  }
}

/** Newest first by listing date, then id, so every writer computes the same order. */
export function compareNewest(a: CatalogEntry, b: CatalogEntry): number {
  const d = (Date.parse(entryDate(b)) || 0) - (Date.parse(entryDate(a)) || 0);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
