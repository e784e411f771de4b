import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, ListPartsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BUCKET, bytes, startHarness, tempDir } from './harness.ts';

const here = new URL('.', import.meta.url).pathname;

/** Runs the writer child until it has committed `commits` rounds, then lets it run `extraMs` more and SIGKILLs it. */
async function runAndKill(dataDir: string, commits: number, extraMs: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures/writer-child.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes(`wrote ${commits}\n`)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${err.slice(-2000)}`)));
    });
    await new Promise((r) => setTimeout(r, extraMs));
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  return /upload (\S+)/.exec(out)![1]!;
}

test('SIGKILL in the middle of writes leaves every object and part whole, and no temp debris visible', { timeout: 240_000 }, async (t) => {
  const dataDir = await tempDir();
  try {
    const first = await startHarness({ dataDir });
    await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'victim.bin', Body: bytes(4 * 1024 * 1024, 0), Metadata: { version: '0' } }));
    await first.stop();

    // Different kill moments; whatever the moment, the state must be a whole version.
    for (const [commits, extraMs] of [
      [1, 0],
      [2, 37],
      [2, 150],
    ] as const) {
      const uploadId = await runAndKill(dataDir, commits, extraMs);
      const debris = await readdir(join(dataDir, 'tmp')).catch(() => []);
      t.diagnostic(`killed after ${commits} commits + ${extraMs} ms: ${debris.length} interrupted write(s) in tmp/`);
      const h = await startHarness({ dataDir });
      try {
        assert.deepEqual(await readdir(join(dataDir, 'tmp')), [], 'start-up clears interrupted writes');
        const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'victim.bin' }));
        const version = Number(got.Metadata?.version);
        const body = Buffer.from(await got.Body!.transformToByteArray());
        assert.ok(version >= 1 && version <= 3, `a version written by the child survives (got ${version})`);
        assert.ok(body.equals(bytes(4 * 1024 * 1024, version)), `bytes are exactly version ${version}`);
        assert.equal(got.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
        const listed = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
        const keys = listed.Contents?.map((c) => c.Key);
        assert.ok(
          keys?.[keys.length - 1] === 'victim.bin' && keys.every((k) => k === 'victim.bin' || k === 'assembled.bin'),
          `no temp or partial objects in listings: ${keys}`,
        );
        const blobs = await readdir(join(dataDir, 'buckets', BUCKET, 'blobs'));
        if (keys.includes('assembled.bin')) {
          const a = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'assembled.bin' }));
          const w = Number(a.Metadata?.version);
          assert.ok(
            Buffer.from(await a.Body!.transformToByteArray()).equals(Buffer.concat([bytes(4 * 1024 * 1024, w), bytes(2 * 1024 * 1024, 1000 + w)])),
            `assembled.bin is whole version ${w}`,
          );
          assert.match(a.ETag!, /-2"$/);
          assert.equal(blobs.length, 2, 'only the blobs of the current multipart object remain');
        } else {
          assert.deepEqual(blobs, []);
        }
        const parts = await h.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'uploads/k/big.mp4', UploadId: uploadId }));
        for (const p of parts.Parts ?? []) {
          assert.equal(p.Size, 2 * 1024 * 1024, 'every listed part is whole');
          const n = [1001, 1002, 1003].find(
            (seed) =>
              `"${createHash('md5')
                .update(bytes(2 * 1024 * 1024, seed))
                .digest('hex')}"` === p.ETag,
          );
          assert.ok(n, `part ${p.PartNumber} holds one of the versions written`);
        }
      } finally {
        await h.stop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
