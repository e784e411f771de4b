/**
 * Keeps the CDN's published-id set in step with `media/<id>/video.json` (docs/contract.md:
 * "the CDN serves media/<id>/* only while that clip's video.json says published: true").
 *
 * Triggered by S3 events on `media/*\/video.json` (created or removed), but it never trusts the
 * event's order or content: S3 may deliver events late, twice or out of order, so for each id it
 * reads the record as it is NOW and sets the store from that. A missing record (deleted clip) or
 * one that is not `published: true` removes the id; an unreadable record also removes it (fail
 * closed: a clip is never served because of a broken record).
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { PublishedIdStore } from './published-ids.ts';
import { encodeWindow, windowOf, type PublicationFacts } from '../../src/contract/publication-window.ts';
import type { BoundaryScheduler } from './boundaries.ts';

/** `media/<id>/video.json` → id; anything else → undefined. Mirrors the function's id rule. */
export function clipIdFromKey(key: string): string | undefined {
  const m = /^media\/([0-9a-z]{26,64})\/video\.json$/.exec(key); // id pattern of schemas/video.schema.json
  return m?.[1];
}

export type SyncOutcome = { id: string; published: boolean; reason: string; boundaries?: string[] };

/**
 * Rounds of read-write-check before giving up (the record changed during each one; the thrown
 * error makes Lambda retry the event later).
 */
export const MAX_SYNC_ROUNDS = 5;

const ABSENT = 'absent';
const isMissing = (e: unknown) => {
  const name = (e as Error).name;
  return e instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NotFound';
};
/** Which write of the record a response describes: its version id and ETag (either changes on every write). */
const versionOf = (res: { VersionId?: string; ETag?: string }) => `${res.VersionId ?? ''}|${res.ETag ?? ''}`;

/** The record's text (undefined if deleted) and its version. S3 trouble throws (the event is retried). */
async function readRecord(s3: S3Client, bucket: string, id: string): Promise<{ text?: string; version: string }> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `media/${id}/video.json` }));
    return { text: await res.Body!.transformToString('utf8'), version: versionOf(res) };
  } catch (e) {
    if (!isMissing(e)) throw e;
    return { version: ABSENT };
  }
}

async function currentVersion(s3: S3Client, bucket: string, id: string): Promise<string> {
  try {
    return versionOf(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `media/${id}/video.json` })));
  } catch (e) {
    if (!isMissing(e)) throw e;
    return ABSENT;
  }
}

/**
 * What the store should say for this record text: `value` when published (its publication window,
 * src/contract/publication-window.ts, which the edge checks against its own clock), else why not.
 * Published and window travel in one value, written in one KVS write: never one without the other.
 */
function decide(id: string, text: string | undefined): SyncOutcome & { value?: string; record?: PublicationFacts } {
  if (text === undefined) return { id, published: false, reason: 'record deleted' };
  let record: PublicationFacts & { id?: unknown; schemaVersion?: unknown };
  try {
    record = JSON.parse(text) as typeof record;
  } catch {
    return { id, published: false, reason: 'record is not JSON' };
  }
  if (record.schemaVersion !== 1 || record.id !== id) {
    return { id, published: false, reason: `record has schemaVersion ${String(record.schemaVersion)} / id ${String(record.id)}` };
  }
  if (record.published === true && record.status === 'ready')
    return { id, published: true, reason: 'published', value: encodeWindow(windowOf(record)), record };
  return { id, published: false, reason: 'not published' };
}

/**
 * Read the clip's record and set the store accordingly, order-safe: two syncs of one clip can
 * overlap (a slow "publish" sync and the "unpublish" sync after it), and the store keeps whichever
 * write lands last, which may be the older one. So after writing, each sync checks that the record
 * is still the version it read; if not, its write may be stale and it syncs again from the record
 * as it is now. The last write to land is then always followed by a check that saw no newer record.
 */
export async function syncClip(
  s3: S3Client,
  bucket: string,
  id: string,
  store: PublishedIdStore,
  scheduler?: BoundaryScheduler,
  now: () => number = Date.now,
): Promise<SyncOutcome> {
  for (let round = 1; ; round++) {
    const { text, version } = await readRecord(s3, bucket, id);
    const { value, record, ...outcome } = decide(id, text);
    if (value !== undefined) await store.put(id, value);
    else await store.delete(id);
    // The catalog follows the window by itself: a schedule per boundary still ahead re-indexes the clip then.
    if (record && scheduler) {
      const ahead = await scheduler.scheduleFor(id, record, now());
      if (ahead.length) outcome.boundaries = ahead.map((t) => new Date(t).toISOString());
    }
    if ((await currentVersion(s3, bucket, id)) === version) return outcome;
    if (round >= MAX_SYNC_ROUNDS)
      throw new Error(`media/${id}/video.json changed during each of ${MAX_SYNC_ROUNDS} syncs; the event will be retried`);
  }
}

/** The S3 event shape the handler receives (only the fields used). */
export interface S3EventLike {
  Records?: Array<{ eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }>;
}

/** Handle one S3 notification: each distinct clip id once, in parallel. */
export async function syncFromEvent(
  event: S3EventLike,
  s3: S3Client,
  store: PublishedIdStore,
  expectedBucket?: string,
  scheduler?: BoundaryScheduler,
): Promise<SyncOutcome[]> {
  const byId = new Map<string, string>();
  for (const r of event.Records ?? []) {
    const bucket = r.s3?.bucket?.name;
    // Keys in S3 events are URL-encoded with '+' for spaces.
    const key = decodeURIComponent((r.s3?.object?.key ?? '').replace(/\+/g, ' '));
    const id = clipIdFromKey(key);
    if (!bucket || !id) continue;
    if (expectedBucket && bucket !== expectedBucket) continue;
    byId.set(id, bucket);
  }
  return Promise.all([...byId].map(([id, bucket]) => syncClip(s3, bucket, id, store, scheduler)));
}

/**
 * Rebuild the store from the bucket: every `media/<id>/video.json` is read and synced, and ids in
 * `known` (the store's current keys, if the caller can list them) without a record are removed.
 * For a first deployment over existing clips, or after any doubt about drift.
 */
export async function resyncAll(s3: S3Client, bucket: string, store: PublishedIdStore, known: Iterable<string> = []): Promise<SyncOutcome[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const ids = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'media/', Delimiter: '/', ContinuationToken: token }));
    for (const p of page.CommonPrefixes ?? []) {
      const id = /^media\/([^/]+)\/$/.exec(p.Prefix ?? '')?.[1];
      if (id && clipIdFromKey(`media/${id}/video.json`)) ids.add(id);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  for (const id of known) if (clipIdFromKey(`media/${id}/video.json`)) ids.add(id);
  const out: SyncOutcome[] = [];
  // A few at a time: the KeyValueStore serializes writes on one ETag anyway.
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) out.push(await syncClip(s3, bucket, id, store));
    }),
  );
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
