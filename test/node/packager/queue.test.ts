/** The persisted job queue on its own: concurrency, de-duplication, retries, stop and resume. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JobQueue, type QueuedJob } from '../../../server/packager/queue.ts';

const files = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.json'));

test('runs at most `concurrency` jobs at once, in order, and idle() waits for all of them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  let running = 0;
  let peak = 0;
  const order: string[] = [];
  const q = new JobQueue(dir, 2, async (job) => {
    running++;
    peak = Math.max(peak, running);
    order.push(job.manifestKey);
    await new Promise((r) => setTimeout(r, 30));
    running--;
    return 'done';
  }, () => {});
  await q.load();
  const keys = ['a', 'b', 'c', 'd', 'e'].map((k) => `uploads/i/${k}.json`);
  const p = keys.map((k) => q.enqueue(k));
  const dup = q.enqueue(keys[4]);
  await q.idle();
  assert.deepEqual(await Promise.all(p), [true, true, true, true, true]);
  assert.equal(await dup, false, 'the same manifest is not queued twice');
  assert.equal(peak, 2);
  assert.deepEqual(order, keys);
  assert.deepEqual(await files(dir), []);
  await q.close();
  await rm(dir, { recursive: true, force: true });
});

test('a job that asks for a retry runs again later, with its attempt count persisted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  const attempts: number[] = [];
  const q = new JobQueue(dir, 1, async (job: QueuedJob) => {
    attempts.push(job.attempts);
    return job.attempts === 0 ? 'retry' : 'done';
  }, () => {});
  await q.load();
  await q.enqueue('uploads/i/r.json');
  await q.idle();
  assert.deepEqual(attempts, [0, 1]);
  assert.deepEqual(await files(dir), []);
  await q.close();
  await rm(dir, { recursive: true, force: true });
});

test('close() aborts the running job and keeps it and the waiting ones for the next start', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  let started!: () => void;
  const isRunning = new Promise<void>((r) => (started = r));
  const q = new JobQueue(dir, 1, (_job, signal) => {
    started();
    return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  }, () => {});
  await q.load();
  await q.enqueue('uploads/i/1.json');
  await q.enqueue('uploads/i/2.json');
  await isRunning;
  await q.close();
  assert.equal((await files(dir)).length, 2);

  const seen: string[] = [];
  const again = new JobQueue(dir, 1, async (job) => {
    seen.push(job.manifestKey);
    return 'done';
  }, () => {});
  assert.equal(await again.load(), 2);
  await again.idle();
  assert.deepEqual(seen, ['uploads/i/1.json', 'uploads/i/2.json']);
  assert.deepEqual(await files(dir), []);
  await again.close();
  await rm(dir, { recursive: true, force: true });
});
