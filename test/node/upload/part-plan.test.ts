import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePartSize, expectedPartSize, planParts, MIB, S3_MAX_PARTS, S3_MIN_PART_SIZE, S3_MAX_PART_SIZE } from '../../../src/upload/part-plan.ts';

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
  assert.deepEqual(parts.map((p) => p.partNumber), [1, 2, 3]);
  assert.deepEqual(parts.map((p) => p.size), [5 * MIB, 5 * MIB, 2 * MIB + 123]);
  let at = 0;
  for (const p of parts) {
    assert.equal(p.start, at);
    assert.equal(p.end - p.start, p.size);
    at = p.end;
  }
  assert.equal(at, size);
});

test('plan: exact multiples, one-byte files, empty files', () => {
  assert.deepEqual(planParts(10 * MIB, 5 * MIB).map((p) => p.size), [5 * MIB, 5 * MIB]);
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
