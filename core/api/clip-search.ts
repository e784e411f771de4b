/**
 * List and search for the API with the catalog's own reader (src/catalog/fragments/reader.ts): the
 * same fragment index, ranking, filters and sorts as `<ine-catalog>`. Admins query the private
 * `index/` collection (every clip); everyone else the public `catalog/` (published, ready clips
 * only, exactly what the CDN serves). The root manifest is read on every query (small, and the
 * indexer moves it); every other object is immutable, so it is kept in a bounded in-process cache
 * shared by all queries.
 */
import { listedForm } from '../index/caption-words.ts';
import type { CatalogEntry, CollectionName } from '../../src/catalog/format.ts';
import type { CatalogQuery } from '../../src/catalog/query.ts';
import { rootKey } from '../../src/catalog/fragments/format.ts';
import { FragmentCatalog, type FragmentFetcher } from '../../src/catalog/fragments/reader.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface ClipPageAnswer {
  items: CatalogEntry[];
  total: number;
}

export interface ClipSearch {
  /** One page of the ranked, filtered matches, and how many there are in all. */
  page(q: CatalogQuery, opts: { everyClip: boolean; offset: number; limit: number }): Promise<ClipPageAnswer>;
}

/** Immutable fragments kept in memory: enough for the hot words and pages, bounded whatever the catalog's size. */
export const FRAGMENT_CACHE_ENTRIES = 4000;

export function storeFetcher(store: ObjectStore, maxEntries = FRAGMENT_CACHE_ENTRIES): FragmentFetcher {
  const cache = new Map<string, Promise<unknown>>();
  const read = async (key: string) => {
    const o = await store.get(key);
    return o ? (JSON.parse(o.body) as unknown) : undefined;
  };
  return {
    root: (collection: CollectionName) => read(rootKey(collection)),
    object(key: string) {
      const hit = cache.get(key);
      if (hit) {
        // Most recently used last, so the oldest is evicted first.
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const p = read(key);
      // A failed read is not remembered.
      p.catch(() => cache.delete(key));
      cache.set(key, p);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return p;
    },
  };
}

export function createClipSearch(fetcher: FragmentFetcher): ClipSearch {
  return {
    async page(q, { everyClip, offset, limit }) {
      const catalog = await FragmentCatalog.open(fetcher, everyClip ? 'index' : 'catalog');
      if (!catalog) return { items: [], total: 0 };
      const answer = await catalog.query(q);
      // Caption words are for the index: an API page lists clips, not the words said in them.
      const items = offset < answer.total ? (await catalog.entries(answer, offset, Math.min(answer.total, offset + limit))).map(listedForm) : [];
      return { items, total: answer.total };
    },
  };
}

export const clipSearchOver = (store: ObjectStore): ClipSearch => createClipSearch(storeFetcher(store));
