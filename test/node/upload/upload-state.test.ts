import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, transition, type UploadEvent, type UploadState } from '../../../src/upload/upload-state.ts';

function walk(from: UploadState, events: UploadEvent[]): UploadState[] {
  const seen: UploadState[] = [from];
  let s = from;
  for (const e of events) {
    const n = transition(s, e);
    assert.ok(n, `${e} not allowed in ${s}`);
    s = n;
    seen.push(s);
  }
  return seen;
}

test('happy path: ready → queued → starting → uploading → completing → complete', () => {
  assert.deepEqual(walk('ready', ['start', 'run', 'begin', 'finish', 'done']), [
    'ready',
    'queued',
    'starting',
    'uploading',
    'completing',
    'complete',
  ]);
});

test('pause and resume go back through the queue; offline waits and continues', () => {
  assert.deepEqual(walk('uploading', ['pause', 'resume', 'run', 'begin']), ['uploading', 'paused', 'queued', 'starting', 'uploading']);
  assert.deepEqual(walk('uploading', ['wait', 'continue']), ['uploading', 'waiting', 'uploading']);
  assert.deepEqual(walk('uploading', ['wait', 'resume', 'run']), ['uploading', 'waiting', 'queued', 'starting']);
});

test('errors can be retried or cancelled; final states accept nothing', () => {
  assert.deepEqual(walk('uploading', ['fail', 'retry', 'run']), ['uploading', 'error', 'queued', 'starting']);
  assert.equal(transition('error', 'cancel'), 'cancelled');
  const events: UploadEvent[] = ['start', 'run', 'begin', 'wait', 'continue', 'pause', 'resume', 'finish', 'done', 'fail', 'retry', 'cancel'];
  for (const final of ['complete', 'cancelled', 'invalid'] as UploadState[]) {
    for (const e of events) assert.equal(transition(final, e), undefined, `${final} + ${e}`);
  }
});

test('forbidden moves: no resume of a running upload, no cancel once completing, no finish from paused', () => {
  assert.equal(can('uploading', 'resume'), false);
  assert.equal(can('completing', 'cancel'), false);
  assert.equal(can('completing', 'pause'), false);
  assert.equal(can('paused', 'finish'), false);
  assert.equal(can('ready', 'run'), false, 'a file runs only after start queued it');
  assert.equal(can('queued', 'begin'), false);
});
