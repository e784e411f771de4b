// Restarts keep data, issued keys and the identity pool: stop()/start() on the same ports, and a new
// process-like start on the same data folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { codeOf, loginCredentials, s3Client, testStandIn } from './helpers.ts';

test('stop() refuses connections, start() listens again on the same ports with keys and data kept', async () => {
  const si = await testStandIn();
  try {
    const { login, credentials } = await loginCredentials(si, 'uploader');
    const Key = `uploads/${login.identityId}/before.mp4`;
    await s3Client(si, credentials).send(new PutObjectCommand({ Bucket: si.config.bucket, Key, Body: 'kept' }));
    const urls = si.urls;
    await si.stop();
    await assert.rejects(fetch(si.urls.config));
    await si.start();
    assert.deepEqual(si.urls, urls);
    assert.equal((await fetch(si.urls.config)).status, 200);
    assert.equal(
      await codeOf(
        s3Client(si, credentials).send(new PutObjectCommand({ Bucket: si.config.bucket, Key: `uploads/${login.identityId}/after.mp4`, Body: 'x' })),
      ),
      'OK',
    );
    assert.equal((await si.s3.store.head(si.config.bucket, Key))?.size, 4);
  } finally {
    await si.cleanup();
  }
});

test('a new stand-in on the same data folder keeps the pool id, issued keys, identities and objects', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ine-stand-in-restart-'));
  try {
    const first = await testStandIn({ dataDir });
    const { login, credentials } = await loginCredentials(first, 'admin');
    const Key = `uploads/${login.identityId}/kept.json`;
    await s3Client(first, credentials).send(new PutObjectCommand({ Bucket: first.config.bucket, Key, Body: '{"kept":true}' }));
    const poolId = first.config.identityPoolId;
    await first.close();

    const second = await testStandIn({ dataDir });
    try {
      assert.equal(second.config.identityPoolId, poolId);
      // The keys issued before the restart still sign valid requests (new port, same keys).
      const got = await s3Client(second, credentials).send(new GetObjectCommand({ Bucket: second.config.bucket, Key }));
      assert.equal(await got.Body?.transformToString(), '{"kept":true}');
      const again = await loginCredentials(second, 'admin');
      assert.equal(again.login.identityId, login.identityId, 'same user, same identity');
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a port in use rejects start-up cleanly; close() twice is harmless', async () => {
  const first = await testStandIn();
  try {
    const port = Number(new URL(first.urls.s3).port);
    await assert.rejects(testStandIn({ port }), /EADDRINUSE/);
  } finally {
    await first.cleanup();
    await first.close();
  }
});
