/**
 * The stand-in's catalog indexer (docs/catalog.md "Writing"): the one writer of the fragment
 * catalog. Every write or deletion of a clip record (`media/<id>/video.json`), whoever made it (the
 * packager, an admin, the Web API), queues the clip; the queue applies the changes one at a time,
 * in order, through the CatalogWriter (core/index) with the service credentials, as the indexer
 * Lambda does on AWS. On the first start over a bucket without a fragment catalog, it is built
 * from the records. Nothing here may crash the stand-in: failures are logged and retried.
 */
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { StandIn } from '../index.ts';
import { createCatalogWriter, s3Store, type FragmentCatalogWriter } from '../../core/index/index.ts';
import { readAllRecords, readClipRecord } from '../../core/index/records.ts';
import type { CollectionWriterOptions } from '../../core/index/collection-writer.ts';
import { syncUploadStatus } from '../../core/index/upload-status.ts';
import { serviceS3Client, defaultLog } from '../packager/index.ts';
import { SerialQueue } from './queue.ts';
import { BoundarySchedule } from './boundaries.ts';
import { systemClock, type Clock } from '../../core/publication/clock.ts';
import { nextBoundary } from '../../src/contract/publication-window.ts';

const RECORD = /^media\/([^/]+)\/video\.json$/;

export interface Indexer {
  /** Resolves when every queued change is in the index. */
  idle(): Promise<void>;
  close(): Promise<void>;
  readonly writer: FragmentCatalogWriter;
  /** The next publication-window boundary at which a clip is re-indexed, if one is ahead. */
  nextBoundary(id: string): number | undefined;
}

export interface IndexerOptions {
  standIn: Pick<StandIn, 'config' | 'urls' | 'staticCredentials' | 'dataDir' | 'events'>;
  log?: (m: string) => void;
  /** Passed to the writer (crash tests). */
  writer?: CollectionWriterOptions;
  /** The server's time and timers (publication windows); tests pass a controllable one. */
  clock?: Clock;
}

export async function startIndexer(opts: IndexerOptions): Promise<Indexer> {
  const { standIn } = opts;
  const log = opts.log ?? defaultLog;
  const s3: S3Client = serviceS3Client(standIn);
  const bucket = standIn.config.bucket;
  const clock = opts.clock ?? systemClock;
  const writer = createCatalogWriter(s3Store(s3, bucket), opts.writer, clock.now);
  // Each clip's next window boundary re-queues it (the public catalog follows its publishAt/unpublishAt).
  const boundaries: BoundarySchedule = new BoundarySchedule(
    join(standIn.dataDir, 'indexer', 'boundaries.json'),
    clock,
    (id) => queue.enqueue(id),
    log,
  );
  const queue: SerialQueue = new SerialQueue(
    join(standIn.dataDir, 'indexer', 'jobs'),
    async (job) => {
      const record = await readClipRecord(s3, bucket, job.id);
      if (record) {
        await writer.upsert(record);
        await syncUploadStatus(s3, bucket, record, log);
      } else await writer.remove(job.id);
      await boundaries.set(job.id, record ? nextBoundary(record, clock.now()) : undefined);
    },
    log,
  );
  const onChange = (ev: { bucket: string; key: string }) => {
    if (ev.bucket !== bucket) return;
    const m = RECORD.exec(ev.key);
    if (m) queue.enqueue(m[1]!).catch((e: unknown) => log(`indexer: could not queue ${m[1]}: ${(e as Error).message}`));
  };
  standIn.events.on('object-created', onChange);
  standIn.events.on('object-removed', onChange);
  await boundaries.load();
  const resumed = await queue.load();
  if (resumed) log(`indexer: resuming ${resumed} unapplied change(s)`);
  // A bucket without a fragment catalog (new, or with only the format-1 catalog): build it from the records.
  if (!(await writer.collections.index.readRoot())) {
    const records = await readAllRecords(s3, bucket);
    // An empty bucket stays empty (readers take a missing root for an empty catalog); the first change creates it.
    if (records.length) {
      await writer.rebuild(records);
      for (const r of records) await boundaries.set(r.id, nextBoundary(r, clock.now()));
      log(`indexer: catalog built from ${records.length} clip record(s)`);
    }
  }
  boundaries.start();
  return {
    writer,
    idle: () => queue.idle(),
    nextBoundary: (id) => boundaries.next(id),
    async close() {
      boundaries.close();
      standIn.events.off('object-created', onChange);
      standIn.events.off('object-removed', onChange);
      await queue.close();
      s3.destroy();
    },
  };
}
