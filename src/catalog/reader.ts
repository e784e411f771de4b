/**
 * Loading a catalog collection for display: the first page at once (manifest + `recent.json`, a few
 * KB), then every shard in the background into a SearchIndex, so search covers every clip.
 * Sources: the CDN (viewers, plain fetch, no AWS calls), S3 with credentials (admins, the private
 * `index/`), or memory (stories, demos without a server).
 */
import {
  assertVersion,
  manifestKey,
  RECENT_KEY,
  shardKey,
  type CatalogEntry,
  type CatalogManifest,
  type CatalogShard,
  type CollectionName,
  type RecentPage,
} from './format.js';
import { IneError, toIneError } from '../internal/errors.js';
import { codeForStatus } from '../internal/error-codes.js';

export interface CatalogSource {
  readonly collection: CollectionName;
  /** The manifest; undefined when the collection does not exist yet (an empty catalog). */
  manifest(): Promise<CatalogManifest | undefined>;
  /** The first page (public catalog only). */
  recent(): Promise<RecentPage | undefined>;
  shard(n: number, version: number): Promise<CatalogShard | undefined>;
}

/** The public catalog through the CDN. Manifest and first page are revalidated; shards are immutable per version. */
export function cdnSource(cdnBaseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): CatalogSource {
  const base = cdnBaseUrl.replace(/\/+$/, '') + '/';
  async function get<T>(key: string, init: RequestInit): Promise<T | undefined> {
    let res: Response;
    try {
      res = await fetchImpl(base + key, { credentials: 'omit', ...init });
    } catch (e) {
      throw new IneError('Network', String(e), e);
    }
    if (res.status === 404 || res.status === 403) return undefined; // nothing published yet
    if (!res.ok) throw new IneError(codeForStatus(res.status, 'cdn') ?? 'Unknown', `${key}: ${res.status}`, undefined, res.status);
    return (await res.json()) as T;
  }
  return {
    collection: 'catalog',
    manifest: () => get<CatalogManifest>(manifestKey('catalog'), { cache: 'no-cache' }),
    recent: () => get<RecentPage>(RECENT_KEY, { cache: 'no-cache' }),
    shard: (n, v) => get<CatalogShard>(`${shardKey('catalog', n)}?v=${v}`, {}),
  };
}

/** Minimal S3 reading the admin source needs (keeps the SDK out of this module). */
export interface JsonReader {
  read<T>(key: string): Promise<T | undefined>;
}

/** The private index (or the catalog) read through S3 with the admin's credentials. */
export function s3Source(reader: JsonReader, collection: CollectionName): CatalogSource {
  return {
    collection,
    manifest: () => reader.read<CatalogManifest>(manifestKey(collection)),
    recent: async () => (collection === 'catalog' ? reader.read<RecentPage>(RECENT_KEY) : undefined),
    shard: (n) => reader.read<CatalogShard>(shardKey(collection, n)),
  };
}

/** A fixed list of entries (Storybook, documentation, offline demos). */
export function memorySource(entries: CatalogEntry[], collection: CollectionName = 'catalog'): CatalogSource {
  const manifest: CatalogManifest = {
    schemaVersion: 1,
    collection,
    shardCount: 1,
    shards: [{ version: 1, count: entries.length }],
    updatedAt: new Date().toISOString(),
  };
  return {
    collection,
    manifest: async () => manifest,
    recent: async () => undefined,
    shard: async () => ({ schemaVersion: 1, collection, shard: 0, version: 1, entries }),
  };
}

export interface LoadProgress {
  loadedShards: number;
  shardCount: number;
  /** Clips in the collection, per the manifest. */
  total: number;
}

/**
 * Load a collection: calls `onFirst` with the first page as soon as it is there, then `onShard`
 * with each shard's entries (in arrival order), `concurrency` shards at a time.
 */
export async function loadCollection(
  source: CatalogSource,
  handlers: {
    onFirst?: (entries: CatalogEntry[], progress: LoadProgress) => void;
    onShard?: (entries: CatalogEntry[], progress: LoadProgress) => void;
    signal?: AbortSignal;
  },
  concurrency = 6,
): Promise<LoadProgress> {
  let manifest: CatalogManifest | undefined;
  let recent: RecentPage | undefined;
  try {
    [manifest, recent] = await Promise.all([source.manifest(), source.recent()]);
  } catch (e) {
    throw toIneError(e);
  }
  assertVersion(manifest, 'catalog manifest');
  assertVersion(recent, 'catalog first page');
  const progress: LoadProgress = {
    loadedShards: 0,
    shardCount: manifest?.shardCount ?? 0,
    total: manifest ? manifest.shards.reduce((s, x) => s + x.count, 0) : 0,
  };
  handlers.onFirst?.(recent?.entries ?? [], { ...progress });
  if (!manifest) return progress;
  const queue = manifest.shards.map((s, n) => ({ n, ...s })).filter((s) => s.count > 0);
  progress.shardCount = queue.length;
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (handlers.signal?.aborted) return;
      const shard = await source.shard(job.n, job.version);
      assertVersion(shard, `catalog shard ${job.n}`);
      progress.loadedShards++;
      if (!handlers.signal?.aborted) handlers.onShard?.(shard?.entries ?? [], { ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return progress;
}
