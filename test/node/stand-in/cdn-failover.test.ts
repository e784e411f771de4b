// The CDN's failover rehearsal (the AWS origin group of infra/lib/cdn.ts, docs/runbook.md
// "Regional outage"): with a replica folder, a request whose primary read fails is served from
// the replica; a plain miss is a 404 and does not fail over, as on CloudFront.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
const replicaDir = mkdtempSync(join(tmpdir(), 'ine-cdn-replica-'));
const put = (Key: string, Body: string | Buffer) => serviceClient(si).send(new PutObjectCommand({ Bucket: si.config.bucket, Key, Body }));
const cdn = (path: string, init?: RequestInit) => fetch(`${si.config.cdnBaseUrl}/${path}`, init);
const segment = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));

before(async () => {
  // No indexer: the record written below would have it write the catalog during the outage, and
  // what fails here should be only what the test reads.
  si = await testStandIn({ cdnReplicaDir: replicaDir, indexer: false });
  await put('media/clip1/video.json', JSON.stringify({ schemaVersion: 1, id: 'clip1', published: true, status: 'ready' }));
  await put('media/clip1/720p/seg-1.m4s', segment);
  await put('media/clip1/lost.m4s', segment);
  await put('catalog/page-1.json', '{"clips":[{"id":"clip1"}]}');
  // "Replication": the replica folder is a copy of the primary's data folder.
  cpSync(si.dataDir, replicaDir, { recursive: true });
});
after(async () => {
  await si?.cleanup();
  rmSync(replicaDir, { recursive: true, force: true });
});

test('an object missing from the primary is a 404: misses do not fail over (restore it from a version instead)', async () => {
  await serviceClient(si).send(new DeleteObjectCommand({ Bucket: si.config.bucket, Key: 'media/clip1/lost.m4s' }));
  const res = await cdn('media/clip1/lost.m4s');
  assert.equal(res.status, 404);
  await res.arrayBuffer();
});

test('with the primary unreadable, published media and the catalog are served from the replica, byte for byte', async () => {
  const before = await cdn('media/clip1/720p/seg-1.m4s');
  assert.equal(before.status, 200);
  await before.arrayBuffer();
  // The primary "Region" goes down: its bucket folder turns into a file under the running server,
  // so every read is an I/O error (ENOTDIR), what CloudFront would see as a 5xx. (A missing file
  // would be a plain 404: a lost object, not an outage.)
  const bucketDir = join(si.dataDir, 'buckets', si.config.bucket);
  renameSync(bucketDir, join(si.dataDir, 'buckets-down'));
  writeFileSync(bucketDir, 'down');
  await assert.rejects(si.s3.store.read(si.config.bucket, 'media/clip1/720p/seg-1.m4s'), /ENOTDIR/, 'the primary really fails');

  const seg = await cdn('media/clip1/720p/seg-1.m4s');
  assert.equal(seg.status, 200);
  assert.equal(seg.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(seg.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(Buffer.from(await seg.arrayBuffer()), segment);
  const ranged = await cdn('media/clip1/720p/seg-1.m4s', { headers: { range: 'bytes=10-19' } });
  assert.equal(ranged.status, 206);
  assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), segment.subarray(10, 20));
  const catalog = await cdn('catalog/page-1.json');
  assert.equal(catalog.status, 200);
  assert.deepEqual(await catalog.json(), { clips: [{ id: 'clip1' }] });
  const unknown = await cdn('media/nope/master.m3u8');
  assert.equal(unknown.status, 404, 'the replica applies the same publication gate');
  await unknown.arrayBuffer();
});
