/**
 * The catalog index writer (docs/catalog.md "Writing"): clip records are the source of truth; one
 * writer applies each change to the fragments it touches, in both collections — the private
 * `index/` (every clip) and the public `catalog/` (published and ready clips only).
 *
 * The seam the Web API (and the stand-in's indexer) calls after every record change:
 *   const writer = createCatalogWriter(s3Store(s3, bucket));
 *   await writer.upsert(record);   await writer.remove(id);
 * Changes must reach it in order, one at a time per bucket (the stand-in's indexer queue; an SQS
 * FIFO queue on AWS).
 */
import { entryFromRecord, isPublic, type CatalogEntry, type CollectionName } from '../../src/catalog/format.js';
import type { VideoRecord } from '../../src/contract/video-record.js';
import { captionWordsFor, withCaptionWords } from './caption-words.js';
import { CollectionWriter, type CollectionWriterOptions, type EditReport } from './collection-writer.js';
import type { ObjectStore, WriteStats } from './store.js';

export interface CatalogWriter {
  upsert(record: VideoRecord): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface FragmentCatalogWriter extends CatalogWriter {
  /** Replace both collections with what these records say (ids unique). */
  rebuild(records: Iterable<VideoRecord>): Promise<WriteStats>;
  /** Delete objects no longer reachable (older than `graceMs`); returns how many. */
  sweep(graceMs?: number): Promise<number>;
  /** What the last upsert/remove wrote, per collection. */
  readonly lastEdit: Partial<Record<CollectionName, EditReport>>;
  readonly collections: Record<CollectionName, CollectionWriter>;
}

/** `clock`: the server's time, which decides whether a clip is inside its publication window (tests pass their own). */
export function createCatalogWriter(
  store: ObjectStore,
  options: CollectionWriterOptions = {},
  clock: () => number = Date.now,
): FragmentCatalogWriter {
  const collections: Record<CollectionName, CollectionWriter> = {
    index: new CollectionWriter(store, 'index', options),
    catalog: new CollectionWriter(store, 'catalog', options),
  };
  const lastEdit: Partial<Record<CollectionName, EditReport>> = {};
  return {
    collections,
    lastEdit,
    async upsert(record) {
      const words = await captionWordsFor(store, record);
      lastEdit.index = await collections.index.apply(record.id, withCaptionWords(entryFromRecord(record, 'index'), words));
      lastEdit.catalog = await collections.catalog.apply(
        record.id,
        isPublic(record, clock()) ? withCaptionWords(entryFromRecord(record, 'catalog'), words) : undefined,
      );
    },
    async remove(id) {
      // Public first: viewers stop seeing it before anything else goes.
      lastEdit.catalog = await collections.catalog.apply(id, undefined);
      lastEdit.index = await collections.index.apply(id, undefined);
    },
    async rebuild(records) {
      const all = [...records];
      const byId = new Map<string, VideoRecord>();
      for (const r of all) byId.set(r.id, r);
      const index: CatalogEntry[] = [];
      const catalog: CatalogEntry[] = [];
      const now = clock();
      const unique = [...byId.values()];
      const words = new Array<string | undefined>(unique.length);
      let next = 0;
      const reader = async () => {
        for (let i = next++; i < unique.length; i = next++) words[i] = await captionWordsFor(store, unique[i]!);
      };
      await Promise.all(Array.from({ length: Math.min(8, unique.length) }, reader));
      unique.forEach((r, i) => {
        index.push(withCaptionWords(entryFromRecord(r, 'index'), words[i]));
        if (isPublic(r, now)) catalog.push(withCaptionWords(entryFromRecord(r, 'catalog'), words[i]));
      });
      const a = await collections.index.rebuild(index);
      const b = await collections.catalog.rebuild(catalog);
      return { objects: a.objects + b.objects, bytes: a.bytes + b.bytes };
    },
    async sweep(graceMs) {
      return (await collections.catalog.sweep(graceMs)) + (await collections.index.sweep(graceMs));
    },
  };
}

export { CollectionWriter, type EditReport } from './collection-writer.js';
export { s3Store, memoryStore, type ObjectStore, type WriteStats } from './store.js';
