// A crash of the catalog indexer between the fragment writes and the root switch (the commit
// point): readers stay on the old view, complete; the next start re-applies the change from its
// persisted queue; the orphaned fragments are swept. Real stand-in, real AWS SDK; the stand-in's own
// indexer is off so this file's indexers are the only writers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { startIndexer } from '../../../server/indexer/index.ts';
import { cdnFragmentSource } from '../../../src/catalog/fragments/source.ts';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.ts';
import { hexId, recordFor, rng } from './generate.ts';

let standIn: StandIn;
let s3: S3Client;
let bucket: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ine-indexer-crash-'));
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: dir, packager: false, indexer: false });
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

async function listCount(prefix: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    n += page.KeyCount ?? 0;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return n;
}

async function titlesFor(text: string): Promise<string[]> {
  const cat = await cdnFragmentSource(standIn.urls.cdn).open();
  if (!cat) return [];
  const a = await cat.query({ text });
  return (await cat.entries(a, 0, a.total)).map((e) => e.title).sort();
}

test('a crash before the root switch leaves readers on the old view; the next start applies the change; orphans are swept', async () => {
  const r = rng(21);
  const word = 'zqcrash';
  const pub = { published: true, publishedAt: '2024-06-01T00:00:00Z' };
  // Records written while no indexer ran: the first start builds the catalog from them.
  for (let i = 0; i < 30; i++) await putRecord(recordFor(hexId(r), { ...pub, metadata: { title: `Nota ${i} ${word}` } }));
  let crash = false;
  let reached!: () => void;
  const atCommit = new Promise<void>((res) => (reached = res));
  const first = await startIndexer({
    standIn,
    writer: {
      beforeCommit: () => {
        if (!crash) return Promise.resolve();
        reached();
        return new Promise<void>(() => {}); // the process dies here: the root is never written
      },
    },
  });
  assert.equal((await titlesFor(word)).length, 30);
  const fragmentsBefore = await listCount('index/f/');
  crash = true;
  await putRecord(recordFor(hexId(r), { ...pub, metadata: { title: `Caída ${word}` } }));
  await atCommit;
  assert.ok((await listCount('index/f/')) > fragmentsBefore, 'new fragments were written before the switch');
  // Readers: the old view, whole (every object it names is still there).
  const cat = (await cdnFragmentSource(standIn.urls.cdn).open())!;
  assert.equal(cat.count, 30);
  const all = await cat.query({ text: word });
  assert.equal((await cat.entries(all, 0, all.total)).length, 30);
  assert.deepEqual(await titlesFor('caida'), []);
  await first.close(); // killed: its job file stays in the queue folder

  crash = false;
  const second = await startIndexer({ standIn });
  await second.idle();
  assert.deepEqual(await titlesFor('caida'), [`Caída ${word}`]);
  assert.equal((await titlesFor(word)).length, 31);
  const swept = await second.writer.sweep(0);
  assert.ok(swept > 0, 'the crashed update left orphans to sweep');
  assert.equal((await titlesFor(word)).length, 31, 'sweeping leaves the current view whole');
  await second.close();
});
