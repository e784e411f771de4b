/**
 * The publication sync (infra/publication/) against the local stand-in's S3 with the real AWS SDK:
 * the clip records are real objects; the published-id store is the one test double (CloudFront
 * KeyValueStore is an AWS-only service): an in-memory set for the sync logic, and an in-memory
 * KeyValueStore *API* (ETag-checked writes, conflicts) for the KVS adapter.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { KeyValueStoreIds, type KvsSender, type PublishedIdStore } from '../../../infra/publication/published-ids.ts';
import { clipIdFromKey, MAX_SYNC_ROUNDS, resyncAll, syncClip, syncFromEvent } from '../../../infra/publication/sync.ts';

class MemoryIds implements PublishedIdStore {
  readonly ids = new Map<string, string>();
  async put(id: string, value: string) {
    this.ids.set(id, value);
  }
  async delete(id: string) {
    this.ids.delete(id);
  }
}

const record = (id: string, published: boolean, extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id,
  status: 'ready',
  published,
  ...(published ? { publishedAt: '2026-06-01T12:00:00.000Z' } : {}),
  metadata: { title: 'Noticiero' },
  renditions: [],
  source: { key: 'uploads/x/y.mp4', size: 1, sha256: '0'.repeat(64) },
  createdAt: '2026-06-01T11:00:00.000Z',
  updatedAt: '2026-06-01T12:00:00.000Z',
  ...extra,
});
const event = (bucket: string, ...items: Array<[string, string]>) => ({
  Records: items.map(([eventName, key]) => ({
    eventName,
    s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
  })),
});

describe("publication sync against the stand-in's S3", () => {
  let standIn: StandIn;
  let s3: S3Client;
  let dataDir: string;
  let bucket: string;
  const A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const B = '0123456789abcdef0123456789abcdef';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ine-pub-'));
    standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, seed: false, log: () => {} });
    bucket = standIn.config.bucket;
    s3 = new S3Client({ region: standIn.config.region, endpoint: standIn.urls.s3, forcePathStyle: true, credentials: standIn.staticCredentials });
  });
  after(async () => {
    s3?.destroy();
    await standIn?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const put = (id: string, body: unknown) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `media/${id}/video.json`,
        Body: typeof body === 'string' ? body : JSON.stringify(body),
        ContentType: 'application/json',
      }),
    );

  it('recognizes only clip record keys', () => {
    assert.equal(clipIdFromKey(`media/${A}/video.json`), A);
    for (const k of [`media/${A}/master.m3u8`, `uploads/${A}/video.json`, `media/${A}/x/video.json`, 'media/../video.json'])
      assert.equal(clipIdFromKey(k), undefined, k);
  });

  it('publishing adds the id, unpublishing and deleting remove it', async () => {
    const store = new MemoryIds();
    await put(A, record(A, true));
    let out = await syncFromEvent(event(bucket, ['ObjectCreated:Put', `media/${A}/video.json`]), s3, store, bucket);
    assert.deepEqual(out, [{ id: A, published: true, reason: 'published' }]);
    assert.equal(store.ids.get(A), 'w1::', 'published, with an open window');

    await put(A, record(A, false));
    out = await syncFromEvent(event(bucket, ['ObjectCreated:Put', `media/${A}/video.json`]), s3, store, bucket);
    assert.equal(out[0]!.published, false);
    assert.equal(store.ids.has(A), false);

    await put(A, record(A, true));
    await syncFromEvent(event(bucket, ['ObjectCreated:Put', `media/${A}/video.json`]), s3, store, bucket);
    assert.equal(store.ids.has(A), true);
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `media/${A}/video.json` }));
    out = await syncFromEvent(event(bucket, ['ObjectRemoved:Delete', `media/${A}/video.json`]), s3, store, bucket);
    assert.deepEqual(out, [{ id: A, published: false, reason: 'record deleted' }]);
    assert.equal(store.ids.has(A), false);
  });

  it('follows the record as it is now, not the event: a late "created" event after unpublishing does not republish', async () => {
    const store = new MemoryIds();
    await put(B, record(B, false));
    // Two events for the same clip in one batch (publish then unpublish happened); one read, current state wins.
    const out = await syncFromEvent(
      event(bucket, ['ObjectCreated:Put', `media/${B}/video.json`], ['ObjectCreated:Put', `media/${B}/video.json`]),
      s3,
      store,
      bucket,
    );
    assert.equal(out.length, 1);
    assert.equal(store.ids.has(B), false);
  });

  it('is order-safe: a slow "publish" sync whose write lands after a later "unpublish" sync is corrected', async () => {
    const E = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';
    // The store holds the first put until the test lets it land, so the interleaving is exact.
    const store = new MemoryIds();
    const writes: string[] = [];
    let putReached!: () => void;
    const reached = new Promise<void>((r) => (putReached = r));
    let landPut!: () => void;
    const land = new Promise<void>((r) => (landPut = r));
    let held = false;
    const gated: PublishedIdStore = {
      async put(id, value) {
        if (!held) {
          held = true;
          putReached();
          await land;
        }
        writes.push('put');
        await store.put(id, value);
      },
      async delete(id) {
        writes.push('delete');
        await store.delete(id);
      },
    };
    await put(E, record(E, true));
    const slowPublish = syncClip(s3, bucket, E, gated);
    await reached; // the publish sync has read published: true and is about to write
    await put(E, record(E, false)); // the admin unpublishes
    assert.deepEqual(await syncClip(s3, bucket, E, gated), { id: E, published: false, reason: 'not published' });
    assert.equal(store.ids.has(E), false);
    landPut(); // the stale "published" write lands last
    assert.deepEqual(await slowPublish, { id: E, published: false, reason: 'not published' });
    assert.deepEqual(writes, ['delete', 'put', 'delete'], 'the stale write was followed by the correction');
    assert.equal(store.ids.has(E), false, 'an unpublished clip is not left in the published-id store');
  });

  it('gives up (for Lambda to retry the event) if the record changes during every round', async () => {
    const F = 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1';
    let flips = 0;
    // Each write to the store is followed by another edit of the record, before the sync checks it.
    const restless: PublishedIdStore = {
      put: async () => void (await put(F, record(F, ++flips % 2 === 0))),
      delete: async () => void (await put(F, record(F, ++flips % 2 === 0))),
    };
    await put(F, record(F, true));
    await assert.rejects(syncClip(s3, bucket, F, restless), new RegExp(`changed during each of ${MAX_SYNC_ROUNDS} syncs`));
    assert.equal(flips, MAX_SYNC_ROUNDS);
  });

  it('resync rebuilds the store from the bucket and drops ids with no record', async () => {
    const C = 'c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0';
    const D = 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0';
    await put(C, record(C, true));
    await put(D, record(D, false));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `media/${C}/master.m3u8`, Body: '#EXTM3U' }));
    const store = new MemoryIds();
    store.ids.set('e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0', 'orphan');
    const out = await resyncAll(s3, bucket, store, store.ids.keys());
    assert.ok(out.some((o) => o.id === C && o.published));
    assert.ok(out.some((o) => o.id === D && !o.published));
    assert.ok(out.some((o) => o.id === 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0' && o.reason === 'record deleted'));
    assert.equal(store.ids.has(C), true);
    assert.equal(store.ids.has(D), false);
    assert.equal(store.ids.has('e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0'), false);
  });

  it('fails closed on broken records and ignores other keys and buckets', async () => {
    const store = new MemoryIds();
    store.ids.set(B, 'stale');
    await put(B, '{ not json');
    let out = await syncFromEvent(event(bucket, ['ObjectCreated:Put', `media/${B}/video.json`]), s3, store, bucket);
    assert.equal(out[0]!.reason, 'record is not JSON');
    assert.equal(store.ids.has(B), false);
    await put(B, record(A, true)); // a record claiming another id
    out = await syncFromEvent(event(bucket, ['ObjectCreated:Put', `media/${B}/video.json`]), s3, store, bucket);
    assert.equal(out[0]!.published, false);
    out = await syncFromEvent(
      event(bucket, ['ObjectCreated:Put', `media/${B}/master.m3u8`], ['ObjectCreated:Put', `uploads/x/${B}.json`]),
      s3,
      store,
      bucket,
    );
    assert.deepEqual(out, []);
    out = await syncFromEvent(event('another-bucket', ['ObjectCreated:Put', `media/${B}/video.json`]), s3, store, bucket);
    assert.deepEqual(out, []);
  });
});

/** In-memory KeyValueStore API: one ETag for the store, changed by every write; IfMatch must match. */
class FakeKvsApi implements KvsSender {
  keys = new Map<string, string>();
  etag = 'e0';
  private n = 0;
  /** Simulate other writers: bump the ETag before the next N writes. */
  interferences = 0;
  calls: string[] = [];
  async send(cmd: DescribeKeyValueStoreCommand | PutKeyCommand | DeleteKeyCommand): Promise<unknown> {
    const input = cmd.input as { KvsARN: string; Key?: string; Value?: string; IfMatch?: string };
    assert.equal(input.KvsARN, 'arn:aws:cloudfront::123456789012:key-value-store/abc');
    if (cmd instanceof DescribeKeyValueStoreCommand) {
      this.calls.push('describe');
      return { ETag: this.etag, ItemCount: this.keys.size };
    }
    if (this.interferences > 0) {
      this.interferences--;
      this.etag = `e${++this.n}`;
    }
    if (input.IfMatch !== this.etag) {
      this.calls.push('conflict');
      throw new ConflictException({ message: 'Pre-condition failed', $metadata: {} });
    }
    if (cmd instanceof PutKeyCommand) {
      this.calls.push(`put ${input.Key}`);
      this.keys.set(input.Key!, input.Value!);
    } else {
      this.calls.push(`delete ${input.Key}`);
      if (!this.keys.delete(input.Key!)) throw new ResourceNotFoundException({ message: 'Key not found', $metadata: {} });
    }
    this.etag = `e${++this.n}`;
    return { ETag: this.etag };
  }
}

describe('KeyValueStore adapter (KVS API test double)', () => {
  const arn = 'arn:aws:cloudfront::123456789012:key-value-store/abc';
  it('writes with the current ETag and retries after a concurrent writer', async () => {
    const api = new FakeKvsApi();
    const store = new KeyValueStoreIds(arn, api);
    await store.put('clip1', '2026-06-01T12:00:00Z');
    assert.equal(api.keys.get('clip1'), '2026-06-01T12:00:00Z');
    api.interferences = 2;
    await store.put('clip2', '1');
    assert.deepEqual(api.calls.slice(2), ['describe', 'conflict', 'describe', 'conflict', 'describe', 'put clip2']);
    assert.equal(api.keys.get('clip2'), '1');
  });
  it('deleting an absent id succeeds (idempotent)', async () => {
    const api = new FakeKvsApi();
    const store = new KeyValueStoreIds(arn, api);
    await store.delete('never-published');
    await store.put('x', '1');
    await store.delete('x');
    assert.equal(api.keys.size, 0);
  });
  it('gives up after the configured attempts', async () => {
    const api = new FakeKvsApi();
    api.interferences = 100;
    const store = new KeyValueStoreIds(arn, api, {}, 3);
    await assert.rejects(store.put('x', '1'), (e: Error) => e.name === 'ConflictException');
    assert.equal(api.calls.filter((c) => c === 'conflict').length, 3);
  });
});
