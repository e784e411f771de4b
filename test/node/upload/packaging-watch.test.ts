import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseUploadStatus,
  pollDelay,
  watchPackaging,
  WATCH_LIMIT_MS,
  type PackagingProgress,
  type StatusReader,
} from '../../../src/upload/packaging-watch.ts';
import { uploadStatusKeyFor } from '../../../src/contract/upload-status.ts';

test('status key: next to the manifest, only for upload keys', () => {
  const id = 'a'.repeat(32);
  assert.equal(uploadStatusKeyFor(`uploads/us-east-1:abc/${id}.mp4`), `uploads/us-east-1:abc/${id}.status.json`);
  assert.equal(uploadStatusKeyFor('uploads/seed/sample.mp4'), undefined);
  assert.equal(uploadStatusKeyFor(`media/${id}.mp4`), undefined);
});

test('status documents: read when they are one, unknown codes become internal-error', () => {
  const base = { schemaVersion: 1, videoId: 'v', updatedAt: 'x' };
  assert.deepEqual(parseUploadStatus({ ...base, status: 'processing' }), { status: 'processing', videoId: 'v' });
  assert.deepEqual(parseUploadStatus({ ...base, status: 'ready', lostSeconds: 3.5 }), { status: 'ready', videoId: 'v', lostSeconds: 3.5 });
  assert.deepEqual(parseUploadStatus({ ...base, status: 'failed', failureCode: 'too-long', failureParams: { durationSeconds: 5, maxSeconds: 3 } }), {
    status: 'failed',
    videoId: 'v',
    code: 'too-long',
    params: { durationSeconds: 5, maxSeconds: 3 },
  });
  assert.deepEqual(parseUploadStatus({ ...base, status: 'failed', failureCode: 'new-in-v9' }), {
    status: 'failed',
    videoId: 'v',
    code: 'internal-error',
    params: {},
  });
  for (const bad of [null, 'x', { ...base, schemaVersion: 2, status: 'ready' }, { ...base, status: 'weird' }, { schemaVersion: 1, status: 'ready' }])
    assert.equal(parseUploadStatus(bad), undefined);
});

test('polls quickly at first, then every 15 s', () => {
  assert.deepEqual([0, 1, 2, 3, 6, 7, 20].map(pollDelay), [1000, 1500, 2250, 3375, 11391, 15000, 15000]);
});

/** Runs a watch with its timers driven by hand. */
function harness(answers: Array<Awaited<ReturnType<StatusReader>> | Error>) {
  const seen: PackagingProgress[] = [];
  const etags: Array<string | undefined> = [];
  let clock = 0;
  const reader: StatusReader = async (etag) => {
    etags.push(etag);
    const a = answers.shift() ?? 'unchanged';
    if (a instanceof Error) throw a;
    return a;
  };
  const pending: Array<() => void> = [];
  const realSetTimeout = globalThis.setTimeout;
  return {
    seen,
    etags,
    advance: (ms: number) => (clock += ms),
    async run(signal: AbortSignal, polls: number) {
      globalThis.setTimeout = ((fn: () => void) => pending.push(fn)) as unknown as typeof setTimeout;
      try {
        watchPackaging(
          reader,
          (p) => seen.push(p),
          signal,
          () => clock,
        );
        for (let i = 0; i < polls && pending.length; i++) {
          pending.shift()!();
          for (let k = 0; k < 5; k++) await Promise.resolve();
        }
      } finally {
        globalThis.setTimeout = realSetTimeout;
      }
    },
  };
}

test('watch: waiting → processing → failed, conditional reads, errors only mean polling again, stops at a final state', async () => {
  const doc = (status: string, extra = {}) => ({ value: { schemaVersion: 1, videoId: 'v', status, updatedAt: 'x', ...extra }, etag: `"${status}"` });
  const h = harness([
    'missing',
    new Error('offline'),
    doc('processing'),
    'unchanged',
    doc('failed', { failureCode: 'timed-out', failureParams: { maxSeconds: 3600 } }),
    doc('ready'),
  ]);
  await h.run(new AbortController().signal, 20);
  assert.deepEqual(h.seen, [
    { status: 'waiting' },
    { status: 'processing', videoId: 'v' },
    { status: 'failed', videoId: 'v', code: 'timed-out', params: { maxSeconds: 3600 } },
  ]);
  assert.deepEqual(
    h.etags,
    [undefined, undefined, undefined, '"processing"', '"processing"'],
    'If-None-Match with the last ETag; no poll after the final state',
  );
});

test('watch: gives up as unknown after the limit; reads nothing once aborted', async () => {
  let clock = 0;
  let reads = 0;
  const seen: PackagingProgress[] = [];
  const pending: Array<() => void> = [];
  const real = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void) => pending.push(fn)) as unknown as typeof setTimeout;
  const flush = async () => {
    for (let k = 0; k < 5; k++) await Promise.resolve();
  };
  try {
    const read: StatusReader = async () => {
      reads++;
      clock += WATCH_LIMIT_MS; // the limit passes while packaging never answers
      return 'missing';
    };
    watchPackaging(
      read,
      (p) => seen.push(p),
      new AbortController().signal,
      () => clock,
    );
    pending.shift()!();
    await flush();
    assert.deepEqual(seen, [{ status: 'waiting' }, { status: 'unknown' }]);
    assert.equal(pending.length, 0, 'no further poll');

    const stopped = new AbortController();
    watchPackaging(
      read,
      () => {},
      stopped.signal,
      () => clock,
    );
    stopped.abort();
    pending.shift()!();
    await flush();
    assert.equal(reads, 1, 'an aborted watch reads nothing');
  } finally {
    globalThis.setTimeout = real;
  }
});
