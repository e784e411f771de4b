/**
 * List and search for the API, with the catalog's own modules (src/catalog/search-index.ts,
 * query.ts): the private index of every clip is loaded into one SearchIndex per process and kept
 * in step by re-reading only the shards whose version moved. Admins search every clip; everyone else
 * only published, ready ones, ranked the same way `<ine-catalog>` ranks them.
 */
import { loadCollection, s3Source, type CatalogSource, type JsonReader } from '../../src/catalog/reader.ts';
import { SearchIndex } from '../../src/catalog/search-index.ts';
import { runQuery, type CatalogQuery } from '../../src/catalog/query.ts';
import type { CatalogEntry, CatalogManifest } from '../../src/catalog/format.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface ClipSearch {
  /** Every match, ranked and ordered. */
  query(q: CatalogQuery, opts: { everyClip: boolean }): Promise<CatalogEntry[]>;
}

export function storeReader(store: ObjectStore): JsonReader {
  return { read: async <T>(key: string) => await store.get(key).then((o) => (o ? (JSON.parse(o.body) as T) : undefined)) };
}

const isListed = (e: CatalogEntry) => e.published === true && e.status === 'ready';

export function createClipSearch(source: CatalogSource): ClipSearch {
  let cached: { key: string; index: SearchIndex } | undefined;
  let loading: { key: string; promise: Promise<SearchIndex> } | undefined;

  async function build(manifest: CatalogManifest | undefined): Promise<SearchIndex> {
    const index = new SearchIndex();
    if (!manifest) return index;
    const fixed: CatalogSource = { ...source, manifest: async () => manifest, recent: async () => undefined };
    await loadCollection(fixed, { onShard: (entries) => index.add(entries) });
    return index;
  }

  async function current(): Promise<SearchIndex> {
    const manifest = await source.manifest();
    const key = manifest ? manifest.shards.map((s) => s.version).join(',') : '';
    if (cached?.key === key) return cached.index;
    if (loading?.key !== key) {
      const promise = build(manifest).then((index) => {
        cached = { key, index };
        return index;
      });
      loading = { key, promise };
      promise.catch(() => (loading = undefined));
    }
    return loading.promise;
  }

  return {
    async query(q, { everyClip }) {
      const entries = runQuery(await current(), q).entries;
      return everyClip ? entries : entries.filter(isListed);
    },
  };
}

export const clipSearchOver = (store: ObjectStore): ClipSearch => createClipSearch(s3Source(storeReader(store), 'index'));
