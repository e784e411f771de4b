// Catalog writers against the real local stand-in (S3 with conditional writes, CDN origin), with the
// real AWS SDK v3 and the stand-in's static service keys (as the packaging step uses them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { removeClipFromCatalog, syncClipRecord } from '../../../src/catalog/sync.ts';
import { readJson, writeJsonIf } from '../../../src/catalog/s3-json.ts';
import { manifestKey, RECENT_KEY, shardKey, type CatalogManifest, type CatalogShard, type RecentPage } from '../../../src/catalog/format.ts';
import { deleteClip, loadRecord, saveEdits } from '../../../src/catalog/admin.ts';
import { editableOf } from '../../../src/catalog/merge.ts';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.ts';
import { hexId, recordFor, rng } from './generate.ts';
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';

const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
for (const name of ['entry', 'manifest', 'shard', 'recent']) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(`../../../schemas/catalog-${name}.schema.json`, import.meta.url), 'utf8')));
}
function assertValid(name: string, doc: unknown): void {
  const validate = ajv.getSchema(`https://ine.mx/schemas/catalog-${name}.schema.json`)!;
  assert.ok(validate(doc), `${name}: ${ajv.errorsText(validate.errors)}`);
}

let standIn: StandIn;
let s3: S3Client;
let bucket: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ine-catalog-'));
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: dir, packager: false });
  bucket = standIn.config.bucket;
  s3 = new S3Client({
    region: standIn.config.region,
    endpoint: standIn.urls.s3,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
  });
});

after(async () => {
  s3?.destroy();
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function putRecord(r: VideoRecord): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: videoRecordKey(r.id), Body: JSON.stringify(r), ContentType: 'application/json' }));
}

async function collection(c: 'catalog' | 'index') {
  const manifest = (await readJson<CatalogManifest>(s3, bucket, manifestKey(c)))!.value;
  const ids: string[] = [];
  for (let n = 0; n < manifest.shardCount; n++) {
    const shard = await readJson<CatalogShard>(s3, bucket, shardKey(c, n));
    if (shard) {
      assert.equal(manifest.shards[n].version, shard.value.version, `manifest announces shard ${n}'s latest version`);
      assert.equal(manifest.shards[n].count, shard.value.entries.length);
      ids.push(...shard.value.entries.map((e) => e.id));
    }
  }
  return { manifest, ids: ids.sort() };
}

const cdn = (key: string) => fetch(`${standIn.urls.cdn}/${key}`);

test('a stale ETag is refused with Conflict; If-None-Match: * refuses to overwrite', async () => {
  const key = 'index/_probe.json';
  const e1 = await writeJsonIf(s3, bucket, key, { a: 1 }, undefined);
  await assert.rejects(writeJsonIf(s3, bucket, key, { a: 2 }, undefined), (e: { code?: string }) => e.code === 'Conflict');
  await writeJsonIf(s3, bucket, key, { a: 3 }, e1);
  await assert.rejects(writeJsonIf(s3, bucket, key, { a: 4 }, e1), (e: { code?: string }) => e.code === 'Conflict');
  assert.deepEqual((await readJson(s3, bucket, key))!.value, { a: 3 });
});

test('concurrent syncs of 30 different clips lose no entry; only published+ready clips are public', async () => {
  const r = rng(42);
  const records: VideoRecord[] = Array.from({ length: 30 }, (_, i) =>
    recordFor(hexId(r), {
      published: i % 3 !== 0,
      status: i % 10 === 5 ? 'processing' : i % 10 === 7 ? 'failed' : 'ready',
      failureReason: i % 10 === 7 ? 'El archivo no es un mp4 válido' : undefined,
      failureCode: i % 10 === 7 ? 'not-mp4' : undefined,
      metadata: { title: `Clip ${i}`, broadcastAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() },
    }),
  );
  await Promise.all(records.map(putRecord));
  await Promise.all(records.map((rec) => syncClipRecord(s3, bucket, rec)));

  const index = await collection('index');
  assert.deepEqual(index.ids, records.map((x) => x.id).sort());
  const pub = records.filter((x) => x.published && x.status === 'ready');
  const catalog = await collection('catalog');
  assert.deepEqual(catalog.ids, pub.map((x) => x.id).sort());

  const recent = (await readJson<RecentPage>(s3, bucket, RECENT_KEY))!.value;
  // What the writers produce is what the JSON Schemas describe.
  assertValid('recent', recent);
  assertValid('manifest', index.manifest);
  assertValid('manifest', catalog.manifest);
  for (const c of ['catalog', 'index'] as const) {
    for (let n = 0; n < index.manifest.shardCount; n++) {
      const shard = await readJson<CatalogShard>(s3, bucket, shardKey(c, n));
      if (shard) assertValid('shard', shard.value);
    }
  }
  const newest = [...pub]
    .sort((a, b) => b.metadata.broadcastAt!.localeCompare(a.metadata.broadcastAt!))
    .slice(0, 48)
    .map((x) => x.id);
  assert.deepEqual(
    recent.entries.map((e) => e.id),
    newest,
  );

  // The failure reason reaches the private index only.
  const failed = records.find((x) => x.status === 'failed')!;
  const shards = await Promise.all(index.manifest.shards.map((_, n) => readJson<CatalogShard>(s3, bucket, shardKey('index', n))));
  const entry = shards.flatMap((s) => s?.value.entries ?? []).find((e) => e.id === failed.id)!;
  assert.equal(entry.status, 'failed');
  assert.equal(entry.failureReason, 'El archivo no es un mp4 válido');
  assert.equal(entry.failureCode, 'not-mp4', 'with its code, for a translated text');

  // The CDN serves the public catalog, never the private index.
  const res = await cdn(manifestKey('catalog'));
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as CatalogManifest).schemaVersion, 1);
  assert.notEqual((await cdn(manifestKey('index'))).status, 200);

  // Unpublishing and removing take clips out again; syncing twice changes nothing.
  const first = pub[0];
  const unpublished = { ...first, published: false };
  await putRecord(unpublished);
  await syncClipRecord(s3, bucket, unpublished);
  const before2 = (await readJson<CatalogManifest>(s3, bucket, manifestKey('catalog')))!;
  await syncClipRecord(s3, bucket, unpublished);
  assert.equal((await readJson<CatalogManifest>(s3, bucket, manifestKey('catalog')))!.etag, before2.etag, 'idempotent');
  assert.ok(!(await collection('catalog')).ids.includes(first.id));
  assert.ok((await collection('index')).ids.includes(first.id));
  await removeClipFromCatalog(s3, bucket, first.id);
  assert.ok(!(await collection('index')).ids.includes(first.id));
});

test('two admins: different fields merge, the same field is a conflict, nothing is lost', async () => {
  const rec = recordFor(hexId(rng(7)), { metadata: { title: 'Original', description: 'Uno', outlet: 'Canal Once' } });
  await putRecord(rec);
  await syncClipRecord(s3, bucket, rec);
  const a = await loadRecord(s3, bucket, rec.id);
  const b = await loadRecord(s3, bucket, rec.id);
  const baseA = editableOf(a.record);
  const baseB = editableOf(b.record);

  const savedA = await saveEdits(s3, bucket, rec.id, baseA, a.etag, { ...baseA, title: 'Título de A' });
  assert.equal(savedA.kind, 'saved');
  const savedB = await saveEdits(s3, bucket, rec.id, baseB, b.etag, { ...baseB, description: 'Descripción de B' });
  assert.equal(savedB.kind, 'saved');
  assert.equal(savedB.kind === 'saved' && savedB.merged, true);
  const now = (await loadRecord(s3, bucket, rec.id)).record;
  assert.equal(now.metadata.title, 'Título de A');
  assert.equal(now.metadata.description, 'Descripción de B');

  const c = await saveEdits(s3, bucket, rec.id, baseB, b.etag, { ...baseB, title: 'Título de B' });
  assert.equal(c.kind, 'conflict');
  if (c.kind !== 'conflict') return;
  assert.deepEqual(
    c.conflicts.map((x) => [x.field, x.mine, x.theirs]),
    [['title', 'Título de B', 'Título de A']],
  );
  assert.equal((await loadRecord(s3, bucket, rec.id)).record.metadata.title, 'Título de A', 'not overwritten');
  // Resolving: theirs is the new base, mine is the chosen value.
  const fixed = await saveEdits(s3, bucket, rec.id, editableOf(c.theirs.record), c.theirs.etag, { ...c.merged, title: 'Título de B' });
  assert.equal(fixed.kind, 'saved');
  const final = (await loadRecord(s3, bucket, rec.id)).record;
  assert.equal(final.metadata.title, 'Título de B');
  assert.equal(final.metadata.description, 'Descripción de B');
  const index = await collection('index');
  assert.ok(index.ids.includes(rec.id));
});

test('delete removes media, source, its manifest and the catalog entries', async () => {
  const id = hexId(rng(99));
  const rec = recordFor(id, { published: true, metadata: { title: 'Para borrar' } });
  for (const key of [
    `media/${id}/master.m3u8`,
    `media/${id}/720p/index.m3u8`,
    `media/${id}/poster.jpg`,
    rec.source.key,
    rec.source.key.replace(/\.mp4$/, '.json'),
  ]) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
  }
  await putRecord(rec);
  await syncClipRecord(s3, bucket, rec);
  assert.ok((await collection('catalog')).ids.includes(id));
  await deleteClip(s3, bucket, id);
  const left = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `media/${id}/` }));
  assert.equal(left.KeyCount ?? 0, 0);
  await assert.rejects(s3.send(new GetObjectCommand({ Bucket: bucket, Key: rec.source.key })));
  await assert.rejects(s3.send(new GetObjectCommand({ Bucket: bucket, Key: rec.source.key.replace(/\.mp4$/, '.json') })));
  assert.ok(!(await collection('catalog')).ids.includes(id));
  assert.ok(!(await collection('index')).ids.includes(id));
});
