// The stand-in's catalog indexer, the one writer of the fragment catalog, against the real stand-in
// (S3 with conditional writes, CDN origin) through the real AWS SDK: concurrent record edits are
// all indexed, none lost, and the result answers as the brute-force reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { readJson, writeJsonIf } from '../../../src/catalog/s3-json.ts';
import { cdnFragmentSource, s3FragmentSource } from '../../../src/catalog/fragments/source.ts';
import { entryFromRecord, isPublic } from '../../../src/catalog/format.ts';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.ts';
import { canonical, referenceQuery } from './fragment-reference.ts';
import { hexId, recordFor, rng } from './generate.ts';

let standIn: StandIn;
let s3: S3Client;
let bucket: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ine-indexer-'));
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: dir, packager: false });
  bucket = standIn.config.bucket;
  s3 = new S3Client({ region: standIn.config.region, endpoint: standIn.urls.s3, forcePathStyle: true, credentials: standIn.staticCredentials });
});

after(async () => {
  s3?.destroy();
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const putRecord = (r: VideoRecord) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: videoRecordKey(r.id), Body: JSON.stringify(r), ContentType: 'application/json' }));

/** Edit a record as an admin does: read with ETag, write with If-Match, again on 412. */
async function editRecord(id: string, change: (r: VideoRecord) => VideoRecord): Promise<void> {
  for (;;) {
    const cur = (await readJson<VideoRecord>(s3, bucket, videoRecordKey(id)))!;
    try {
      await writeJsonIf(s3, bucket, videoRecordKey(id), change(cur.value), cur.etag);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'Conflict') throw e;
    }
  }
}

const viewer = () => cdnFragmentSource(standIn.urls.cdn);
const admin = () => s3FragmentSource({ read: async (key) => (await readJson(s3, bucket, key))?.value as never }, 'index');

async function titlesFor(source: ReturnType<typeof viewer>, text: string): Promise<string[]> {
  const cat = await source.open();
  if (!cat) return [];
  const a = await cat.query({ text });
  return (await cat.entries(a, 0, a.total)).map((e) => e.title).sort();
}

test('two admins editing 50 clips each at once: every change is indexed, none lost', async () => {
  const r = rng(5);
  const word = 'zqconc';
  const records = Array.from({ length: 100 }, (_, i) =>
    recordFor(hexId(r), {
      published: i % 3 !== 0,
      publishedAt: '2024-05-01T00:00:00Z',
      metadata: { title: `Nota ${i} ${word}`, broadcastAt: new Date(Date.UTC(2024, 4, 1) + i * 60_000).toISOString() },
    }),
  );
  await Promise.all(records.map(putRecord));
  const halves = [records.slice(0, 50), records.slice(50)];
  // Both admins at once, each over their 50 clips, two edits per clip (title, then publication).
  await Promise.all(
    halves.map((mine, who) =>
      Promise.all(
        mine.map(async (rec) => {
          await editRecord(rec.id, (cur) => ({ ...cur, metadata: { ...cur.metadata, title: `${cur.metadata.title} editada${who}` } }));
          await editRecord(rec.id, (cur) => ({ ...cur, published: !cur.published }));
        }),
      ),
    ),
  );
  await standIn.indexed();
  const finals = await Promise.all(records.map(async (rec) => (await readJson<VideoRecord>(s3, bucket, videoRecordKey(rec.id)))!.value));
  const publicEntries = finals.filter(isPublic).map((f) => entryFromRecord(f, 'catalog'));
  const allEntries = finals.map((f) => entryFromRecord(f, 'index'));
  assert.deepEqual(await titlesFor(viewer(), word), publicEntries.map((e) => e.title).sort());
  assert.deepEqual(await titlesFor(admin(), word), allEntries.map((e) => e.title).sort());
  // Ranking and facets as the brute-force reference says, through the CDN.
  const cat = (await viewer().open())!;
  for (const q of [{ text: `${word} editada1` }, { text: 'nota 4' }, { text: word, sort: 'date-asc' as const }]) {
    const a = await cat.query(q);
    const got = await cat.entries(a, 0, a.total);
    const ref = referenceQuery(publicEntries, q);
    const groups = new Map(ref.hits.map((h) => [h.id, h.group]));
    assert.deepEqual(canonical(got.map((e) => ({ id: e.id, group: groups.get(e.id) ?? 'unexpected' }))), canonical(ref.hits));
    assert.deepEqual((await cat.facets(a)).facets, ref.facets);
  }
  // Deleting records takes the clips out.
  await Promise.all(records.slice(0, 10).map((rec) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: videoRecordKey(rec.id) }))));
  await standIn.indexed();
  assert.equal((await titlesFor(admin(), word)).length, 90);
});
