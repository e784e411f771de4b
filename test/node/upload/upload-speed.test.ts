// What the uploader spends per byte, in Node against the stand-in with the real SDK: each part's
// CRC32 comes from the whole-file SHA-256 pass (no part is read and checksummed twice), UploadPart
// goes out with our checksum and UNSIGNED-PAYLOAD (the SDK hashes nothing again), and a file begun
// after a measured fast link gets fewer, larger parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { S3Client } from '@aws-sdk/client-s3';
import { mergeConfig, DEFAULT_CONFIG } from '../../../src/config/config.ts';
import type { IneConfig } from '../../../src/config/types.ts';
import { createUploadQueue, type UploadQueue } from '../../../src/upload/upload-queue.ts';
import { inThreadHasher, type Hasher } from '../../../src/upload/hasher.ts';
import { forgetLinkSpeed, recordLinkSpeed } from '../../../src/upload/link-speed.ts';
import { ADAPTIVE_MAX_PART_SIZE } from '../../../src/upload/part-plan.ts';
import { memoryStore } from '../../../src/upload/resume-store.ts';
import { crc32Base64 } from '../../../src/upload/hash-core.ts';
import { loginCredentials, testStandIn, waitFor, type TestStandIn } from '../stand-in/helpers.ts';
import { makeMedia } from './media.ts';

const MiB = 1024 * 1024;
let standIn: TestStandIn;
let config: IneConfig;
let identityId: string;
let proxy: Server;
/** Every request that reached the stand-in through the recording proxy. */
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
let uploaderS3: S3Client;
const credentials = { identityId: async () => identityId, role: async () => 'uploader', invalidate: () => {} };

test.before(async () => {
  standIn = await testStandIn();
  config = mergeConfig(DEFAULT_CONFIG, { ...standIn.config, upload: { minPartSize: 5 * MiB, concurrency: 2 } });
  const { login, provider } = await loginCredentials(standIn, 'uploader');
  identityId = login.identityId;
  // A pass-through proxy in front of the stand-in's S3 port that records each request's headers
  // as the stand-in receives them (the Host header is forwarded unchanged, so signatures hold).
  const target = new URL(standIn.config.s3Endpoint!);
  proxy = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as { port: number };
  uploaderS3 = new S3Client({
    region: standIn.config.region,
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: provider,
    maxAttempts: 1,
    requestHandler: new FetchHttpHandler(),
  });
});
test.after(async () => {
  await new Promise((r) => proxy.close(r));
  await standIn.cleanup();
});

function mp4File(name: string, size: number): File {
  const head = makeMedia(name.replace(/\W/g, '') + '.mp4');
  const bytes = new Uint8Array(size);
  bytes.set(head.subarray(0, Math.min(head.length, size)));
  bytes.set(randomBytes(Math.max(0, size - head.length)), Math.min(head.length, size));
  return new File([bytes], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 });
}

/** The in-thread hasher, counting the parts it is asked to read again just for their CRC32. */
function countingHasher(): Hasher & { crcReads: number } {
  const real = inThreadHasher();
  const h = {
    inWorker: false,
    crcReads: 0,
    crc32: (blob: Blob) => {
      h.crcReads++;
      return real.crc32(blob);
    },
    sha256: real.sha256,
  };
  return h;
}

function queueWith(hasher: Hasher): UploadQueue {
  return createUploadQueue({
    config: () => config,
    credentials,
    s3Client: async () => uploaderS3,
    resumeStore: memoryStore(),
    hasher,
    watchNetwork: false,
    retry: { baseMs: 5, capMs: 20 },
  });
}

const settled = (queue: UploadQueue, id: string) => waitFor(() => ['complete', 'error', 'cancelled'].includes(queue.get(id)!.state), 60_000);

test("every part's CRC32 comes from the SHA-256 pass: no part is read twice; UploadPart carries it with UNSIGNED-PAYLOAD", async () => {
  forgetLinkSpeed();
  const hasher = countingHasher();
  const queue = queueWith(hasher);
  const file = mp4File('one-read.mp4', 16 * MiB + 77);
  const [item] = await queue.addFiles([file], { title: 'Una lectura' });
  seen.length = 0;
  queue.start();
  await settled(queue, item.id);
  const done = queue.get(item.id)!;
  assert.equal(done.state, 'complete', JSON.stringify(done.error));
  assert.equal(
    done.sha256,
    createHash('sha256')
      .update(new Uint8Array(await file.arrayBuffer()))
      .digest('hex'),
  );
  assert.equal(done.partsSent, 4, '16 MiB + 77 bytes in 5 MiB parts');
  assert.equal(hasher.crcReads, 0, 'no part was read a second time for its CRC32');

  const parts = seen.filter((r) => r.method === 'PUT' && /[?&]partNumber=/.test(r.url));
  assert.equal(parts.length, 4);
  for (const r of parts) {
    const n = Number(new URL(r.url, 'http://x').searchParams.get('partNumber'));
    const body = file.slice((n - 1) * 5 * MiB, Math.min(file.size, n * 5 * MiB));
    // Our checksum, as the only one: the SDK neither streams aws-chunked nor adds a trailer or
    // another algorithm, and signs no payload hash of its own.
    assert.equal(r.headers['x-amz-checksum-crc32'], await crc32Base64(body), `part ${n}`);
    assert.equal(r.headers['x-amz-content-sha256'], 'UNSIGNED-PAYLOAD', `part ${n}`);
    assert.deepEqual(
      Object.keys(r.headers).filter((h) => h.startsWith('x-amz-checksum-')),
      ['x-amz-checksum-crc32'],
      `part ${n}`,
    );
    assert.equal(r.headers['x-amz-trailer'], undefined);
    assert.equal(r.headers['content-md5'], undefined);
    assert.ok(!/aws-chunked/.test(String(r.headers['content-encoding'] ?? '')));
    assert.equal(Number(r.headers['content-length']), body.size);
  }
  queue.dispose();
});

test('after a fast link was measured, the next file gets fewer, larger parts; a fixed part size still wins', async () => {
  // 100 MiB/s over 2 parts in flight: 50 MiB/s each, 2 s of it is more than the cap.
  recordLinkSpeed(200 * MiB, 2);
  const fast = queueWith(inThreadHasher());
  const [a] = await fast.addFiles([mp4File('fast-link.mp4', 40 * MiB)], { title: 'Enlace rápido' });
  fast.start();
  await settled(fast, a.id);
  assert.equal(fast.get(a.id)!.state, 'complete');
  assert.equal(fast.get(a.id)!.partSize, ADAPTIVE_MAX_PART_SIZE);
  assert.equal(fast.get(a.id)!.partsSent, 2, `40 MiB in parts of ${ADAPTIVE_MAX_PART_SIZE / MiB} MiB`);
  fast.dispose();

  const fixed = createUploadQueue({
    config: () => mergeConfig(config, { upload: { partSize: 6 * MiB } }),
    credentials,
    s3Client: async () => uploaderS3,
    resumeStore: memoryStore(),
    hasher: inThreadHasher(),
    watchNetwork: false,
  });
  const [b] = await fixed.addFiles([mp4File('fixed-part.mp4', 13 * MiB)], { title: 'Partes fijas' });
  fixed.start();
  await settled(fixed, b.id);
  assert.equal(fixed.get(b.id)!.partsSent, 3, '13 MiB in the configured 6 MiB parts');
  fixed.dispose();
  forgetLinkSpeed();
});
