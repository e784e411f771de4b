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
