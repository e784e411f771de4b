/**
 * The bench page's code (bundled by esbuild in bench/uploader.bench.ts, the hashing worker next to
 * it): the contenders of the throughput bench, each uploading the same picked File with the same
 * credentials from the same page.
 *   - `plainPut`: one PutObject of the whole File (SigV4 with UNSIGNED-PAYLOAD, the browser streams it).
 *   - `ours`: `createUploadQueue`, exactly as `<ine-uploader>` drives it (its default part size and
 *     concurrency unless the bench fixes them).
 *   - `libStorage`: `@aws-sdk/lib-storage`'s `Upload` on a default `S3Client`, with its own defaults
 *     or tuned to a given part size and queue size.
 */
import { Upload } from '@aws-sdk/lib-storage';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createUploadQueue, indexedDbStore, memoryStore } from '../src/upload/index.ts';
import { sharedHasher } from '../src/upload/hasher.ts';
import { forgetLinkSpeed, linkSpeed } from '../src/upload/link-speed.ts';
import { loginWithPassword, resetSharedCredentials, sharedCredentials } from '../src/auth/index.ts';
import { DEFAULT_CONFIG, mergeConfig } from '../src/config/config.ts';
import type { IneConfig } from '../src/config/types.ts';
import type { UploadItem } from '../src/upload/upload-queue.ts';

let cfg: IneConfig;
let token: { identityId: string; token: string };
let file: File;
let n = 0;
const key = (what: string) => `uploads/${token.identityId}/${what}-${++n}.mp4`;
/**
 * The first item snapshot of `q` that `cond` accepts, from the queue's own events (not by polling:
 * snapshots cost the page CPU that would be charged to the uploader).
 */
const until = (q: ReturnType<typeof createUploadQueue>, id: string, cond: (i: UploadItem) => boolean): Promise<UploadItem> =>
  new Promise((resolve) => {
    const now = q.get(id)!;
    if (cond(now)) return resolve(now);
    const off = q.subscribe((e) => {
      const i = 'item' in e && e.item?.id === id ? e.item : undefined;
      if (i && cond(i)) {
        off();
        resolve(i);
      }
    });
  });
const settled = (q: ReturnType<typeof createUploadQueue>, id: string) => until(q, id, (i) => i.state === 'complete' || i.state === 'error');
const sdkClient = (extra: Record<string, unknown> = {}) =>
  new S3Client({ region: cfg.region, endpoint: cfg.s3Endpoint, forcePathStyle: true, credentials: sharedCredentials(cfg), ...extra });

const bench = {
  /** Sign in; `part` / `concurrency` 0 = the uploader's own defaults. */
  async setup(env: { config: Partial<IneConfig>; demoPassword: string }, part: number, concurrency: number) {
    resetSharedCredentials();
    token = await loginWithPassword(env.config.authUrl!, 'uploader', env.demoPassword);
    const upload = { ...(part ? { partSize: part } : {}), ...(concurrency ? { concurrency } : {}) };
    cfg = mergeConfig(DEFAULT_CONFIG, { ...env.config, loginToken: async () => token, upload } as never);
    await sharedCredentials(cfg)();
  },
  useFile() {
    file = (document.getElementById('file') as HTMLInputElement).files![0];
    return file.size;
  },
  /** Start a link from nothing: the next upload is the page's first (no link measure yet). */
  forgetLink() {
    forgetLinkSpeed();
  },
  async plainPut() {
    // The SDK's default CRC32 would take its aws-chunked stream path, which cannot read a Blob.
    const c = sdkClient({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const t0 = performance.now();
    await c.send(new PutObjectCommand({ Bucket: cfg.bucket, Key: key('baseline'), Body: file, ContentLength: file.size, ContentType: 'video/mp4' }));
    return { ms: performance.now() - t0 };
  },
  async ours() {
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const [item] = await q.addFiles([file], { title: 'Bench' });
    const marks: Record<string, number> = {};
    const t0 = performance.now();
    q.subscribe((e) => {
      const now = performance.now() - t0;
      if (e.type === 'start') marks.started = now;
      if (e.type === 'progress') marks.lastPart = now;
      if (e.type === 'change' && e.item && e.item.hashed === file.size && marks.hashed === undefined) marks.hashed = now;
      if (e.type === 'complete') marks.complete = now;
    });
    q.start(item.id);
    const done = await settled(q, item.id);
    const ms = performance.now() - t0;
    q.dispose();
    return {
      ms,
      marks,
      state: done.state,
      error: done.error,
      sha256: done.sha256,
      bytesSent: done.bytesSent,
      partsSent: done.partsSent,
      partSize: done.partSize,
      parts: Math.ceil(file.size / done.partSize),
      linkMeasured: linkSpeed(),
    };
  },
  async libStorage(partSize = 0, queueSize = 0) {
    // A default client (fetch handler, the SDK's default request checksums), as an app would build it.
    const client = sdkClient();
    const t0 = performance.now();
    const up = new Upload({
      client,
      params: { Bucket: cfg.bucket, Key: key('lib-storage'), Body: file, ContentType: 'video/mp4' },
      ...(partSize ? { partSize, queueSize } : {}),
    });
    await up.done();
    return { ms: performance.now() - t0 };
  },
  async hashOnly() {
    // SHA-256 of the whole file in the worker, nothing else running: the hashing speed here.
    const t0 = performance.now();
    await sharedHasher().sha256(file);
    return { ms: performance.now() - t0 };
  },
  async resume() {
    forgetLinkSpeed(); // the page's first upload: default part size, comparable across runs
    const store = indexedDbStore('ine-bench-' + Date.now());
    const a = createUploadQueue({ config: () => cfg, resumeStore: store });
    const [ia] = await a.addFiles([file], { title: 'Bench resume' });
    a.start(ia.id);
    await until(a, ia.id, (i) => i.acknowledged >= file.size / 2);
    a.dispose(); // the page "reloads" mid-upload
    await new Promise((r) => setTimeout(r, 500));
    const sentBefore = a.get(ia.id)!.bytesSent;
    const loadedBefore = a.get(ia.id)!.acknowledged;
    const b = createUploadQueue({ config: () => cfg, resumeStore: store });
    const [ib] = await b.addFiles([file]);
    b.start(ib.id);
    const done = await settled(b, ib.id);
    b.dispose();
    return {
      state: done.state,
      error: done.error,
      resumable: ib.resumable,
      sentBefore,
      loadedBefore,
      sentAfter: done.bytesSent,
      partsAfter: done.partsSent,
      partSize: done.partSize,
      sha256: done.sha256,
    };
  },
};
export type BenchPage = typeof bench;
(window as unknown as { bench: BenchPage }).bench = bench;
