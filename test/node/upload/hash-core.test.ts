import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { AwsCrc32 } from '@aws-crypto/crc32';
import { crc32Base64, sha256Hex, HASH_CHUNK } from '../../../src/upload/hash-core.ts';
import { inThreadHasher } from '../../../src/upload/hasher.ts';

test('per-part CRC32 matches the AWS SDK crc32 (the value S3 checks), across chunk boundaries', async () => {
  for (const size of [0, 1, 1000, HASH_CHUNK + 17]) {
    const bytes = randomBytes(size);
    const ref = new AwsCrc32();
    ref.update(bytes);
    const expected = Buffer.from(await ref.digest()).toString('base64');
    assert.equal(await crc32Base64(new Blob([bytes])), expected, `size ${size}`);
  }
});

test('whole-file SHA-256 matches node:crypto and reports progress up to the size', async () => {
  const bytes = randomBytes(2 * HASH_CHUNK + 5);
  const seen: number[] = [];
  const hex = await sha256Hex(new Blob([bytes]), (n) => seen.push(n));
  assert.equal(hex, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(seen, [HASH_CHUNK, 2 * HASH_CHUNK, 2 * HASH_CHUNK + 5]);
  const h = inThreadHasher();
  assert.equal(await h.sha256(new Blob([bytes])), hex);
  await assert.rejects(h.sha256(new Blob([bytes]), undefined, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
});

test('the SHA-256 pass also yields the CRC32 of every part, for part sizes that do not align with its chunks', async () => {
  const bytes = randomBytes(2 * HASH_CHUNK + 12345);
  const blob = new Blob([bytes]);
  for (const partSize of [5 * 1024 * 1024 + 3, HASH_CHUNK, 3 * HASH_CHUNK]) {
    const got = new Map<number, string>();
    const hex = await sha256Hex(blob, undefined, undefined, { partSize, onPartCrc: (n, v) => got.set(n, v) });
    assert.equal(hex, createHash('sha256').update(bytes).digest('hex'));
    const count = Math.ceil(bytes.length / partSize);
    assert.deepEqual(
      [...got.keys()],
      Array.from({ length: count }, (_, i) => i + 1),
      `part numbers for ${partSize}`,
    );
    for (const [n, crc] of got)
      assert.equal(crc, await crc32Base64(blob.slice((n - 1) * partSize, Math.min(bytes.length, n * partSize))), `part ${n} of ${partSize}`);
  }
});
