/**
 * "Mis envíos" as a state model (src/upload/my-uploads.ts): stages from the status documents, the
 * queue's reports and its own polls (conditional, stopped when hidden or settled), memory across
 * visits for the signed-in uploader only; and the status document's new fields as packaging and the
 * indexer write them (one definition of the stages, the schema agreeing with it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  createMyUploads,
  isSettledStage,
  memoryMyUploadsStorage,
  stageOf,
  type MyUpload,
  type MyUploadsEvent,
} from '../../../src/upload/my-uploads.ts';
import { parseUploadStatus, type StatusReader } from '../../../src/upload/packaging-watch.ts';
import { PACKAGING_STEP_NAMES, packagingFraction, UPLOAD_STAGES, uploadStageOf } from '../../../src/contract/upload-status.ts';
import { uploadStatusOf } from '../../../packaging/upload-status.ts';
import { estimateSeconds, uploadProgressReporter } from '../../../packaging/upload-progress.ts';
import type { VideoRecord } from '../../../src/contract/index.ts';
import { assertValidUploadStatus } from '../packager/contract-check.ts';

const ID = 'a'.repeat(32);
const me = 'us-east-1:me';
const keyOf = (owner: string, n: number) => `uploads/${owner}/${String(n).padStart(32, '0')}.mp4`;
const doc = (extra: Record<string, unknown>) => ({ schemaVersion: 1, videoId: ID, updatedAt: '2026-01-01T00:00:00Z', ...extra });

test('one definition of the stages: the schema, the contract and the model agree', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../schemas/upload-status.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(
    schema.properties.stage.enum,
    UPLOAD_STAGES.filter((s) => s !== 'uploading'),
  );
  assert.deepEqual(schema.properties.progress.properties.step.enum, PACKAGING_STEP_NAMES);
  assert.equal(uploadStageOf({ status: 'processing' }), 'processing');
  assert.equal(uploadStageOf({ status: 'ready', published: false }), 'review');
  assert.equal(uploadStageOf({ status: 'ready', published: true }), 'published');
  assert.equal(uploadStageOf({ status: 'failed', published: true }), 'failed');
  assert.equal(stageOf(undefined), 'uploading');
  assert.equal(stageOf({ status: 'waiting' }), 'processing');
  assert.equal(stageOf({ status: 'ready', videoId: ID }), 'review');
  assert.equal(stageOf({ status: 'ready', videoId: ID, published: true }), 'published');
  assert.deepEqual(UPLOAD_STAGES.filter(isSettledStage), ['published', 'failed']);
});

test('progress runs over the steps in order; the estimate needs a little done first', () => {
  assert.equal(packagingFraction('verifying', 0), 0);
  assert.ok(Math.abs(packagingFraction('encoding', 0.5) - 0.5) < 1e-9);
  assert.equal(packagingFraction('storing', 1), 1);
  assert.equal(packagingFraction('storing', 7), 1);
  assert.equal(estimateSeconds(0, 10_000), undefined);
  assert.equal(estimateSeconds(0.5, 60_000), 60);
  assert.equal(estimateSeconds(1, 60_000), undefined);
});

test('status documents carry stage, title, publication and progress; the uploader reads them (and ignores a bad progress)', () => {
  const record = {
    schemaVersion: 1,
    id: ID,
    status: 'ready',
    published: true,
    metadata: { title: 'Debate, segundo bloque' },
    renditions: [],
    source: { key: `uploads/${me}/${ID}.mp4` },
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as unknown as VideoRecord;
  const ready = uploadStatusOf(record)!;
  assert.equal(ready.key, `uploads/${me}/${ID}.status.json`);
  assert.deepEqual(ready.status, {
    schemaVersion: 1,
    videoId: ID,
    status: 'ready',
    stage: 'published',
    published: true,
    title: 'Debate, segundo bloque',
    updatedAt: record.updatedAt,
  });
  assertValidUploadStatus(ready.status);
  assert.deepEqual(parseUploadStatus(ready.status), { status: 'ready', videoId: ID, published: true, title: 'Debate, segundo bloque' });

  const processing = uploadStatusOf({ ...record, status: 'processing', published: false }, { step: 'encoding', fraction: 0.4, etaSeconds: 30 })!;
  assertValidUploadStatus(processing.status);
  assert.deepEqual(parseUploadStatus(processing.status), {
    status: 'processing',
    videoId: ID,
    progress: { step: 'encoding', fraction: 0.4, etaSeconds: 30 },
    title: 'Debate, segundo bloque',
  });
  // Progress is only for a clip being processed.
  assert.equal(uploadStatusOf(record, { step: 'encoding', fraction: 0.4 })!.status.progress, undefined);
  assert.deepEqual(parseUploadStatus(doc({ status: 'processing', progress: { step: 'dreaming', fraction: 2 } })), {
    status: 'processing',
    videoId: ID,
  });
});

test('the progress reporter writes at most every interval per step, in order, and nothing after close', async () => {
  const written: Array<Record<string, unknown>> = [];
  let release: () => void = () => {};
  const s3 = {
    send: async (cmd: { input: { Key: string; Body: string } }) => {
      await new Promise<void>((r) => (release = r));
      written.push(JSON.parse(cmd.input.Body));
    },
  } as unknown as S3Client;
  let clock = 0;
  const record = {
    id: ID,
    status: 'processing',
    published: false,
    metadata: { title: 'T' },
    source: { key: `uploads/${me}/${ID}.mp4` },
    updatedAt: '2026-01-01T00:00:00Z',
  };
  const r = uploadProgressReporter(s3, 'b', record as unknown as VideoRecord, () => {}, { minIntervalMs: 1000, now: () => clock });
  const first = r.report('verifying');
  await Promise.resolve();
  release();
  await first;
  clock = 10;
  void r.report('verifying', 0.5); // same step within the interval: skipped
  clock = 20_000;
  const enc = r.report('encoding', 0.5);
  await Promise.resolve();
  release();
  await enc;
  clock = 20_100;
  const late = r.report('storing', 0.5); // a new step is always written...
  const closed = r.close(); // ...unless the job closed the reporter before its turn
  release();
  await late;
  await closed;
  assert.deepEqual(
    written.map((w) => w.progress),
    [
      { step: 'verifying', fraction: 0 },
      { step: 'encoding', fraction: 0.5, etaSeconds: 20 },
    ],
  );
  for (const w of written) assertValidUploadStatus(w);
});

/** A hand-driven clock and timers around a model, with scripted status answers per key. */
function harness(storage = memoryMyUploadsStorage()) {
  const answers = new Map<string, Array<Awaited<ReturnType<StatusReader>>>>();
  const reads: Array<{ key: string; etag?: string }> = [];
  const timers: Array<() => void> = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void) => timers.push(fn)) as unknown as typeof setTimeout;
  const events: MyUploadsEvent[] = [];
  const model = createMyUploads({
    storage,
    now: () => 0,
    read: (statusKey) => async (etag) => {
      reads.push({ key: statusKey, etag });
      return answers.get(statusKey)?.shift() ?? 'unchanged';
    },
  });
  model.subscribe((e) => events.push(e));
  return {
    model,
    reads,
    events,
    timers,
    answer: (key: string, ...a: Array<Awaited<ReturnType<StatusReader>>>) => answers.set(key.replace(/\.mp4$/, '.status.json'), a),
    async tick(n = 1) {
      for (let i = 0; i < n && timers.length; i++) {
        timers.shift()!();
        for (let k = 0; k < 5; k++) await Promise.resolve();
      }
    },
    restore: () => (globalThis.setTimeout = realSetTimeout),
  };
}

test('an upload moves uploading → processing → review (from the queue) → published (its own poll), then polling stops', async () => {
  const h = harness();
  try {
    const key = keyOf(me, 1);
    h.model.setActive(true);
    h.model.add({ key, fileName: 'debate.mp4', title: 'Debate' });
    h.model.uploadProgress(key, 40);
    assert.deepEqual(
      h.model.items.map((m) => [m.stage, m.percent]),
      [['uploading', 40]],
    );
    h.model.report(key, { status: 'waiting' });
    h.model.report(key, { status: 'processing', videoId: ID, progress: { step: 'encoding', fraction: 0.5, etaSeconds: 12 } });
    h.model.report(key, { status: 'ready', videoId: ID, title: 'Debate (corregido)' });
    assert.equal(h.reads.length, 0, 'nothing polled while the queue reports');
    assert.deepEqual(
      h.events.filter((e) => e.type === 'stage').map((e) => (e.type === 'stage' ? [e.from, e.item.stage] : [])),
      [
        [undefined, 'uploading'],
        ['uploading', 'processing'],
        ['processing', 'review'],
      ],
    );
    assert.equal(h.model.items[0].title, 'Debate (corregido)');

    h.answer(key, { value: doc({ status: 'ready' }), etag: '"1"' }, 'unchanged', { value: doc({ status: 'ready', published: true }), etag: '"2"' });
    h.model.follow(key);
    await h.tick(3);
    assert.deepEqual(
      h.reads.map((r) => r.etag),
      [undefined, '"1"', '"1"'],
      'conditional reads',
    );
    assert.equal(h.model.items[0].stage, 'published');
    await h.tick(5);
    assert.equal(h.reads.length, 3, 'published: no more polls');
    assert.equal(h.timers.length, 0);
  } finally {
    h.restore();
  }
});

test('no news never hides what is known; a hidden page polls nothing; a failure stops polling', async () => {
  const h = harness();
  try {
    const key = keyOf(me, 2);
    h.model.setActive(true);
    h.model.add({ key, fileName: 'a.mp4', title: 'A' });
    h.model.report(key, { status: 'ready', videoId: ID });
    h.model.report(key, { status: 'unknown' });
    assert.equal(h.model.items[0].stage, 'review');
    h.model.follow(key);
    h.model.setActive(false);
    await h.tick(3);
    assert.equal(h.reads.length, 0, 'stopped while hidden');
    h.answer(key, { value: doc({ status: 'failed', failureCode: 'too-long', failureParams: { maxSeconds: 3 } }), etag: '"f"' });
    h.model.setActive(true);
    await h.tick(2);
    assert.equal(h.model.items[0].stage, 'failed');
    assert.deepEqual(h.model.items[0].packaging, { status: 'failed', videoId: ID, code: 'too-long', params: { maxSeconds: 3 } });
    await h.tick(3);
    assert.equal(h.reads.length, 1);
  } finally {
    h.restore();
  }
});

test('remembered across visits, for their own uploader only; removing forgets', async () => {
  const storage = memoryMyUploadsStorage();
  const first = harness(storage);
  const mine = keyOf(me, 3);
  try {
    first.model.add({ key: mine, fileName: 'b.mp4', title: 'B', sentAt: '2026-01-02T00:00:00Z' });
    first.model.report(mine, { status: 'processing', videoId: ID });
    first.model.dispose();
  } finally {
    first.restore();
  }
  const theirs: MyUpload = { key: keyOf('us-east-1:other', 4), fileName: 'c.mp4', title: 'C', sentAt: '2026-01-03T00:00:00Z', stage: 'review' };
  storage.save([...storage.load(), theirs]);

  const h = harness(storage);
  try {
    h.model.setActive(true);
    assert.equal(h.model.items.length, 0, 'nobody signed in yet: nothing shown, nothing polled');
    await h.tick(2);
    assert.equal(h.reads.length, 0);
    h.answer(mine, { value: doc({ status: 'ready', title: 'B' }), etag: '"r"' });
    h.model.setOwner(me);
    assert.deepEqual(
      h.model.items.map((m) => [m.title, m.stage]),
      [['B', 'processing']],
    );
    await h.tick(1);
    assert.deepEqual(
      h.reads.map((r) => r.key),
      [mine.replace(/\.mp4$/, '.status.json')],
    );
    assert.equal(h.model.items[0].stage, 'review');
    h.model.remove(mine);
    assert.equal(h.model.items.length, 0);
    assert.deepEqual(
      storage.load().map((m) => m.key),
      [theirs.key],
      'the other uploader’s entry is kept for them',
    );
  } finally {
    h.restore();
  }
});
