import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADAPTIVE_MAX_PART_SIZE,
  choosePartSize,
  expectedPartSize,
  planParts,
  MIB,
  PART_TARGET_SECONDS,
  S3_MAX_PARTS,
  S3_MIN_PART_SIZE,
  S3_MAX_PART_SIZE,
} from '../../../src/upload/part-plan.ts';

const GIB = 1024 * MIB;

test('part size: defaults to 5 MiB, honours the configured minimum', () => {
  assert.equal(choosePartSize(100 * MIB), 5 * MIB);
  assert.equal(choosePartSize(100 * MIB, { minPartSize: 8 * MIB }), 8 * MIB);
});

test('part size: never below 5 MiB, whatever is asked', () => {
  assert.equal(choosePartSize(100 * MIB, { minPartSize: 1024 }), S3_MIN_PART_SIZE);
  assert.equal(choosePartSize(100 * MIB, { partSize: 1 }), S3_MIN_PART_SIZE);
  assert.equal(choosePartSize(100 * MIB, { partSize: -5, minPartSize: 0 }), S3_MIN_PART_SIZE);
});

test('part size: grows so that any file fits in 10,000 parts', () => {
  for (const size of [50 * GIB, 100 * GIB + 1, 4.9 * 1024 * GIB, 5 * 1024 * GIB]) {
    const ps = choosePartSize(size, { minPartSize: 8 * MIB });
    assert.ok(ps >= Math.ceil(size / S3_MAX_PARTS), `${size}: ${ps}`);
    assert.ok(planParts(size, ps).length <= S3_MAX_PARTS);
  }
  // 50 GiB with 8 MiB parts would be 6,400 parts: fine; 100 GiB would be 12,800: grows.
  assert.equal(choosePartSize(50 * GIB, { minPartSize: 8 * MIB }), 8 * MIB);
  assert.equal(choosePartSize(100 * GIB, { minPartSize: 8 * MIB }), Math.ceil((100 * GIB) / S3_MAX_PARTS));
});

test('part size: a fixed size wins over the minimum but is still clamped', () => {
  assert.equal(choosePartSize(1 * GIB, { partSize: 16 * MIB, minPartSize: 8 * MIB }), 16 * MIB);
  assert.equal(choosePartSize(200 * GIB, { partSize: 16 * MIB }), Math.ceil((200 * GIB) / S3_MAX_PARTS));
  assert.equal(choosePartSize(1 * GIB, { partSize: 10 * GIB }), S3_MAX_PART_SIZE);
});

test('part size: rejects sizes S3 cannot take', () => {
  assert.throws(() => choosePartSize(-1), RangeError);
  assert.throws(() => choosePartSize(Number.NaN), RangeError);
  assert.throws(() => choosePartSize(5 * 1024 * GIB + 1), RangeError);
});

test('plan: contiguous, 1-based, last part shorter, covers every byte once', () => {
  const size = 12 * MIB + 123;
  const parts = planParts(size, 5 * MIB);
  assert.deepEqual(
    parts.map((p) => p.partNumber),
    [1, 2, 3],
  );
  assert.deepEqual(
    parts.map((p) => p.size),
    [5 * MIB, 5 * MIB, 2 * MIB + 123],
  );
  let at = 0;
  for (const p of parts) {
    assert.equal(p.start, at);
    assert.equal(p.end - p.start, p.size);
    at = p.end;
  }
  assert.equal(at, size);
});

test('plan: exact multiples, one-byte files, empty files', () => {
  assert.deepEqual(
    planParts(10 * MIB, 5 * MIB).map((p) => p.size),
    [5 * MIB, 5 * MIB],
  );
  assert.deepEqual(planParts(1, 5 * MIB), [{ partNumber: 1, start: 0, end: 1, size: 1 }]);
  assert.deepEqual(planParts(0, 5 * MIB), []);
  assert.throws(() => planParts(10, 0), RangeError);
  assert.throws(() => planParts(S3_MAX_PARTS * 5 + 1, 5), RangeError);
});

test('expected part size: what ListParts must report for each part on resume', () => {
  const size = 12 * MIB + 7;
  assert.equal(expectedPartSize(size, 5 * MIB, 1), 5 * MIB);
  assert.equal(expectedPartSize(size, 5 * MIB, 3), 2 * MIB + 7);
  assert.equal(expectedPartSize(size, 5 * MIB, 4), -1);
  assert.equal(expectedPartSize(size, 5 * MIB, 0), -1);
});

test('part size on a measured link: one part ≈ PART_TARGET_SECONDS of its share, whole MiB, capped', () => {
  const rule = (bytesPerSecond: number, concurrency = 4) =>
    choosePartSize(1 * GIB, { minPartSize: 8 * MIB, linkBytesPerSecond: bytesPerSecond, concurrency });
  // 50 Mbit/s over 4 parts: 1.5 MiB/s each, 3 MiB in 2 s: the minimum stands.
  assert.equal(rule(50e6 / 8), 8 * MIB);
  // 200 Mbit/s: 6 MiB/s each → 12 MiB (rounded up to whole MiB).
  assert.equal(rule(200e6 / 8), Math.ceil(((200e6 / 8 / 4) * PART_TARGET_SECONDS) / MIB) * MIB);
  assert.equal(rule(200e6 / 8), 12 * MIB);
  // 1 Gbit/s: 30 MiB/s each would ask for 60 MiB: capped.
  assert.equal(rule(1e9 / 8), ADAPTIVE_MAX_PART_SIZE);
  // Fewer lanes, bigger share.
  assert.equal(rule(16 * MIB, 1), ADAPTIVE_MAX_PART_SIZE);
  assert.equal(rule(16 * MIB, 8), 8 * MIB);
  // Unknown or nonsense speeds change nothing.
  for (const v of [undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(rule(v as number), 8 * MIB, String(v));
});

test('part size on a measured link: a fixed size, a larger minimum and the 10,000-part floor still win', () => {
  assert.equal(choosePartSize(1 * GIB, { partSize: 6 * MIB, linkBytesPerSecond: 1e9 / 8, concurrency: 4 }), 6 * MIB);
  assert.equal(choosePartSize(1 * GIB, { minPartSize: 64 * MIB, linkBytesPerSecond: 1e9 / 8, concurrency: 4 }), 64 * MIB);
  assert.equal(
    choosePartSize(1000 * GIB, { minPartSize: 8 * MIB, linkBytesPerSecond: 1e9 / 8, concurrency: 4 }),
    Math.ceil((1000 * GIB) / S3_MAX_PARTS),
  );
});
