// The upload queue (the whole uploader without its UI) in Node: the real AWS SDK and the real
// multipart driver against the stand-in, signed in as the demo uploader. Two browser parts are
// swapped for their Node equivalents: the in-thread hasher for the worker (same hashing core), and
// the SDK's fetch handler for the page's XHR one (Node's default handler cannot send Blob parts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { mergeConfig, DEFAULT_CONFIG } from '../../../src/config/config.ts';
import type { IneConfig } from '../../../src/config/types.ts';
import { createUploadQueue, type UploadQueue, type UploadQueueEvent, type UploadQueueOptions } from '../../../src/upload/upload-queue.ts';
import { inThreadHasher } from '../../../src/upload/hasher.ts';
import { memoryStore } from '../../../src/upload/resume-store.ts';
import { s3MultipartApi, type MultipartApi } from '../../../src/upload/s3-multipart.ts';
import { loginCredentials, s3Client, serviceClient, testStandIn, waitFor, type TestStandIn } from '../stand-in/helpers.ts';
import { makeMedia } from './media.ts';

const MiB = 1024 * 1024;
let standIn: TestStandIn;
let config: IneConfig;
let uploaderS3: S3Client;
let identityId: string;
const credentials = { identityId: async () => identityId, role: async () => 'uploader', invalidate: () => {} };

test.before(async () => {
  standIn = await testStandIn();
  config = mergeConfig(DEFAULT_CONFIG, { ...standIn.config, upload: { minPartSize: 5 * MiB, concurrency: 2 } });
  const { login, provider } = await loginCredentials(standIn, 'uploader');
  identityId = login.identityId;
  uploaderS3 = s3Client(standIn, provider, { maxAttempts: 1, requestHandler: new FetchHttpHandler() });
});
test.after(() => standIn.cleanup());

/** An mp4 the validator accepts (a real one encoded by ffmpeg), padded to `size` bytes. */
function mp4File(name: string, size: number): File {
  const head = makeMedia(name.replace(/\W/g, '') + '.mp4');
  const bytes = new Uint8Array(size);
  bytes.set(head.subarray(0, Math.min(head.length, size)));
  bytes.set(randomBytes(Math.max(0, size - head.length)), Math.min(head.length, size));
  return new File([bytes], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 });
}

function queueWith(overrides: Partial<UploadQueueOptions> = {}): { queue: UploadQueue; events: UploadQueueEvent[] } {
  const queue = createUploadQueue({
    config: () => config,
    credentials,
    s3Client: async () => uploaderS3,
    resumeStore: memoryStore(),
    hasher: inThreadHasher(),
    watchNetwork: false,
    retry: { baseMs: 5, capMs: 20 },
    ...overrides,
  });
  const events: UploadQueueEvent[] = [];
  queue.subscribe((e) => events.push(e));
  return { queue, events };
}

const settled = (queue: UploadQueue, id: string) => waitFor(() => ['complete', 'error', 'cancelled'].includes(queue.get(id)!.state), 60_000);

test("a file goes ready → complete in parts, with its SHA-256, under the uploader's own prefix", async () => {
  const { queue, events } = queueWith();
  const file = mp4File('debate.mp4', 11 * MiB + 123);
  const [item] = await queue.addFiles([file], { title: 'Debate, segundo bloque', tags: 'debate, ine' });
  assert.equal(item.state, 'ready');
  queue.start();
  await settled(queue, item.id);
  const done = queue.get(item.id)!;
  assert.equal(done.state, 'complete', JSON.stringify(done.error));
  const expected = createHash('sha256')
    .update(new Uint8Array(await file.arrayBuffer()))
    .digest('hex');
  assert.equal(done.sha256, expected);
  assert.equal(done.partsSent, 3, '11 MiB in 5 MiB parts');
  assert.match(done.key!, new RegExp(`^uploads/${identityId.replace(/[:]/g, '[:]')}/[^/]+\\.mp4$`));
  const head = await serviceClient(standIn).send(new HeadObjectCommand({ Bucket: config.bucket, Key: done.key! }));
  assert.equal(head.ContentLength, file.size);
  const types = events.map((e) => e.type).filter((t) => t !== 'change');
  assert.deepEqual([types[0], types.at(-1)], ['start', 'complete']);
  assert.equal(types.filter((t) => t === 'progress').length, 3);
  queue.dispose();
});

test('validation: not an mp4, empty, the same file twice; nothing is sent', async () => {
  const { queue, events } = queueWith();
  const ok = mp4File('ok.mp4', 1000);
  const items = await queue.addFiles([new File(['hola'], 'notes.mp4'), new File([], 'empty.mp4'), ok, ok]);
  assert.deepEqual(
    items.map((i) => i.state),
    ['invalid', 'invalid', 'ready', 'invalid'],
  );
  assert.deepEqual(
    items.map((i) => i.error?.code),
    ['NotMp4', 'EmptyFile', undefined, 'AlreadyQueued'],
  );
  assert.equal(events.filter((e) => e.type === 'error').length, 3);
  queue.dispose();
});

test('a transient failure of one part waits, backs off and completes; a refusal stops with UploadNotAllowed', async () => {
  const real = await s3MultipartApi(async () => uploaderS3, config.bucket);
  let failures = 1;
  const flaky: MultipartApi = {
    ...real,
    uploadPart: async (...args: Parameters<MultipartApi['uploadPart']>) => {
      if (failures-- > 0) throw Object.assign(new Error('socket hang up'), { name: 'Error' });
      return real.uploadPart(...args);
    },
  };
  const { queue } = queueWith({ api: flaky });
  const seen = new Set<string>();
  queue.subscribe(() => queue.items.forEach((i) => seen.add(i.state)));
  const [item] = await queue.addFiles([mp4File('flaky.mp4', 6 * MiB)], { title: 'Entrevista' });
  queue.start();
  await settled(queue, item.id);
  assert.equal(queue.get(item.id)!.state, 'complete');
  assert.ok(seen.has('waiting'), 'the item showed that it was waiting to retry');
  queue.dispose();

  const { queue: viewerQueue } = queueWith({ credentials: { ...credentials, role: async () => 'viewer' } });
  const [v] = await viewerQueue.addFiles([mp4File('viewer.mp4', 1000)], { title: 'No' });
  viewerQueue.start();
  await settled(viewerQueue, v.id);
  assert.equal(viewerQueue.get(v.id)!.error?.code, 'UploadNotAllowed');
  assert.equal(viewerQueue.refused, true);
  viewerQueue.dispose();
});

test('cancel aborts the multipart upload on S3 (nothing left behind)', async () => {
  const real = await s3MultipartApi(async () => uploaderS3, config.bucket);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let key: string | undefined;
  const held: MultipartApi = {
    ...real,
    uploadPart: async (...args: Parameters<MultipartApi['uploadPart']>) => {
      await gate; // hold the first parts so the cancel lands mid-upload
      return real.uploadPart(...args);
    },
  };
  const { queue } = queueWith({ api: held });
  queue.subscribe((e) => {
    if (e.type === 'start') key = e.detail.key;
  });
  const [item] = await queue.addFiles([mp4File('cancel.mp4', 11 * MiB)], { title: 'Cancelar' });
  queue.start();
  await waitFor(() => key !== undefined);
  const cancelling = queue.cancel(item.id); // waits for the parts in flight, so let them go
  release();
  await cancelling;
  assert.equal(queue.get(item.id)!.state, 'cancelled');
  await waitFor(async () => {
    const open = await serviceClient(standIn).send(new ListMultipartUploadsCommand({ Bucket: config.bucket, Prefix: key }));
    return (open.Uploads ?? []).length === 0;
  });
  queue.dispose();
});
