import { expect } from '@open-wc/testing';
import { S3Client, UploadPartCommand, CreateMultipartUploadCommand, AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import { createProgressHandler } from '../../../src/upload/xhr-handler.js';
import { crc32Base64 } from '../../../src/upload/hash-core.js';
import { sharedCredentials } from '../../../src/auth/credentials.js';
import { createUploadQueue, type UploadItem } from '../../../src/upload/index.js';
import { memoryStore } from '../../../src/upload/resume-store.js';
import { configFor, login, MIB, realMp4, sharedEnv, waitFor } from './helpers.js';

describe('upload progress within a part (XHR handler) against the stand-in', function () {
  this.timeout(120_000);

  it('reports bytes of a part while it is sent, and the SDK call still succeeds through the handler', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token);
    const progress = createProgressHandler();
    const s3 = new S3Client({
      region: cfg.region,
      endpoint: cfg.s3Endpoint,
      forcePathStyle: true,
      credentials: sharedCredentials(cfg),
      requestHandler: progress.handler as never,
    });
    const key = `uploads/${token.identityId}/progress-${Date.now()}.mp4`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: cfg.bucket, Key: key, ChecksumAlgorithm: 'CRC32' }));
    expect(UploadId).to.be.a('string');
    const body = new Blob([new Uint8Array(6 * MIB).fill(7)]);
    const seen: number[] = [];
    const untrack = progress.track(body, (n) => seen.push(n));
    const crc = await crc32Base64(body);
    const out = await s3.send(
      new UploadPartCommand({
        Bucket: cfg.bucket,
        Key: key,
        UploadId,
        PartNumber: 1,
        Body: body,
        ContentLength: body.size,
        ChecksumAlgorithm: 'CRC32',
        ChecksumCRC32: crc,
      }),
    );
    untrack();
    expect(out.ETag, 'ETag read through XHR (exposed by CORS)').to.match(/^"[0-9a-f]+"$/);
    expect(out.ChecksumCRC32).to.equal(crc);
    expect(seen.length, 'progress events').to.be.greaterThan(0);
    expect(seen.at(-1)).to.equal(body.size);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).to.be.at.least(seen[i - 1]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: cfg.bucket, Key: key, UploadId }));
  });

  it('the queue never reports more than sent nor less than acknowledged', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 2 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const snaps: UploadItem[] = [];
    q.subscribe((e) => e.item && snaps.push(e.item));
    const file = await realMp4(16 * MIB);
    const [item] = await q.addFiles([file], { title: 'Progreso' });
    q.start(item.id);
    const done = await waitFor(
      () => (q.get(item.id)!.state === 'complete' || q.get(item.id)!.state === 'error' ? q.get(item.id) : undefined),
      'upload',
    );
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(snaps.length).to.be.greaterThan(4);
    for (const s of snaps) {
      expect(s.loaded).to.be.at.least(s.acknowledged);
      expect(s.loaded).to.be.at.most(s.total);
      expect(s.percent).to.be.within(0, 100);
    }
    expect(done.loaded).to.equal(file.size);
    expect(done.acknowledged).to.equal(file.size);
    q.dispose();
  });
});
