/** The persisted job queue on its own: concurrency, fairness, de-duplication, retries, stop and resume. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JobQueue, type QueuedJob } from '../../../server/packager/queue.ts';

const files = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.json'));

test('runs at most `concurrency` jobs at once, each uploader in order, and idle() waits for all of them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  let running = 0;
  let peak = 0;
  const order: string[] = [];
  const q = new JobQueue(
    dir,
    2,
    async (job) => {
      running++;
      peak = Math.max(peak, running);
      order.push(job.manifestKey);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return 'done';
    },
    () => {},
  );
  await q.load();
  // Two uploaders taking turns (one uploader alone gets at most concurrency - 1 slots).
  const keys = ['a', 'b', 'c', 'd', 'e'].map((k, n) => `uploads/${n % 2 ? 'j' : 'i'}/${k}.json`);
  const p = keys.map((k) => q.enqueue(k));
  const dup = q.enqueue(keys[4]);
  await q.idle();
  assert.deepEqual(await Promise.all(p), [true, true, true, true, true]);
  assert.equal(await dup, false, 'the same manifest is not queued twice');
  assert.equal(peak, 2);
  // Which of the two first jobs frees its slot first is up to the timers and the disk, so the
  // interleaving after them is too; what the queue promises is each uploader's own order.
  assert.deepEqual(order.slice(0, 2), keys.slice(0, 2));
  for (const who of ['i', 'j']) {
    const mine = (list: string[]) => list.filter((k) => k.startsWith(`uploads/${who}/`));
    assert.deepEqual(mine(order), mine(keys), `uploader ${who}'s jobs run first in, first out`);
  }
  assert.deepEqual(await files(dir), []);
  await q.close();
  await rm(dir, { recursive: true, force: true });
});

test('a job that asks for a retry runs again later, with its attempt count persisted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  const attempts: number[] = [];
  const q = new JobQueue(
    dir,
    1,
    async (job: QueuedJob) => {
      attempts.push(job.attempts);
      return job.attempts === 0 ? 'retry' : 'done';
    },
    () => {},
  );
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
  const q = new JobQueue(
    dir,
    1,
    (_job, signal) => {
      started();
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    },
    () => {},
  );
  await q.load();
  await q.enqueue('uploads/i/1.json');
  await q.enqueue('uploads/i/2.json');
  await isRunning;
  await q.close();
  assert.equal((await files(dir)).length, 2);

  const seen: string[] = [];
  const again = new JobQueue(
    dir,
    1,
    async (job) => {
      seen.push(job.manifestKey);
      return 'done';
    },
    () => {},
  );
  assert.equal(await again.load(), 2);
  await again.idle();
  assert.deepEqual(seen, ['uploads/i/1.json', 'uploads/i/2.json']);
  assert.deepEqual(await files(dir), []);
  await again.close();
  await rm(dir, { recursive: true, force: true });
});

test("fair between uploaders: one uploader's many long jobs never hold every slot, others take turns", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ine-queue-'));
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const q = new JobQueue(
    dir,
    2,
    (job) => {
      started.push(job.manifestKey);
      return new Promise((r) => finish.set(job.manifestKey, () => r('done')));
    },
    () => {},
  );
  await q.load();
  const startedNow = async (n: number) => {
    while (started.length < n) await new Promise((r) => setImmediate(r));
  };
  // A queues four (long) jobs first, then B and C one each.
  for (const k of ['a1', 'a2', 'a3', 'a4']) await q.enqueue(`uploads/A/${k}.json`);
  await startedNow(1);
  assert.deepEqual(started, ['uploads/A/a1.json'], 'A alone gets one slot of two; the other is kept for other uploaders');
  await q.enqueue('uploads/B/b1.json');
  await startedNow(2);
  assert.deepEqual(started.slice(1), ['uploads/B/b1.json'], 'B starts at once, while A’s first job runs');
  await q.enqueue('uploads/C/c1.json');
  finish.get('uploads/B/b1.json')!();
  await startedNow(3);
  assert.equal(started[2], 'uploads/C/c1.json', 'C, never served, goes before A’s second job');
  finish.get('uploads/A/a1.json')!();
  finish.get('uploads/C/c1.json')!();
  await startedNow(4);
  assert.equal(started[3], 'uploads/A/a2.json');
  for (const k of ['a2', 'a3', 'a4']) {
    await startedNow(Number(k[1]) + 2);
    finish.get(`uploads/A/${k}.json`)!();
  }
  await q.idle();
  assert.deepEqual(
    started,
    ['a1', 'b1', 'c1', 'a2', 'a3', 'a4'].map((k) => `uploads/${k[0].toUpperCase()}/${k}.json`),
  );
  await q.close();
  await rm(dir, { recursive: true, force: true });
});
