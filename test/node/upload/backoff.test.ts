import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeiling, backoffDelay, sleep } from '../../../src/upload/backoff.ts';

test('ceiling doubles from the base and stops at the cap', () => {
  const o = { baseMs: 100, capMs: 1000 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((a) => backoffCeiling(a, o)),
    [100, 200, 400, 800, 1000, 1000],
  );
  assert.equal(backoffCeiling(5000, o), 1000, 'no overflow for huge attempt numbers');
  assert.equal(backoffCeiling(-3, o), 100);
});

test('full jitter: the delay is uniform in [0, ceiling)', () => {
  const o = { baseMs: 100, capMs: 1000 };
  assert.equal(
    backoffDelay(3, o, () => 0),
    0,
  );
  assert.equal(
    backoffDelay(3, o, () => 0.5),
    400,
  );
  assert.equal(
    backoffDelay(3, o, () => 0.999999),
    799,
  );
  // With a real random source, many draws spread over the range and never leave it.
  const draws = Array.from({ length: 2000 }, () => backoffDelay(2, o));
  assert.ok(draws.every((d) => d >= 0 && d < 400));
  assert.ok(Math.min(...draws) < 40 && Math.max(...draws) > 360, 'spread over the whole range');
});

test('sleep resolves, and rejects at once when aborted', async () => {
  await sleep(1);
  const c = new AbortController();
  const p = sleep(60_000, c.signal);
  c.abort();
  await assert.rejects(p, (e: Error) => e.name === 'AbortError');
  await assert.rejects(sleep(5, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
});
