import { expect } from '@open-wc/testing';
import { S3Client, AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { createUploadQueue, type UploadQueue } from '../../../src/upload/index.js';
import { indexedDbStore, memoryStore } from '../../../src/upload/resume-store.js';
import { sharedCredentials } from '../../../src/auth/credentials.js';
import { manifestKeyFor, type UploadManifest } from '../../../src/contract/upload-manifest.js';
import type { IneConfig } from '../../../src/config/types.js';
import {
  configFor,
  getBytes,
  getJson,
  login,
  MIB,
  multipartUploads,
  partsOnS3,
  privateClose,
  privateEnv,
  privateStart,
  privateStop,
  realMp4,
  sha256Hex,
  sharedEnv,
  toolClient,
  waitFor,
} from './helpers.js';

const settled = (q: UploadQueue, id: string) => () => {
  const i = q.get(id)!;
  return i.state === 'complete' || i.state === 'error' ? i : undefined;
};

describe('upload resilience against the local stand-in', function () {
  this.timeout(240_000);

  afterEach(async () => {
    await privateClose();
  });

  it('carries on when the temporary credentials expire mid-upload (refreshed before use)', async () => {
    const env = await privateEnv(4); // credentials live 4 s on this private stand-in
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const file = await realMp4(16 * MIB);
    const [item] = await q.addFiles([file], { title: 'Caducidad' });
    // Count GetCredentialsForIdentity calls (Cognito and S3 share the stand-in's origin, so count by
    // the JSON 1.1 target header of the requests the SDK makes through fetch).
    let exchanges = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const target = input instanceof Request ? input.headers.get('x-amz-target') : new Headers(init?.headers).get('x-amz-target');
      if (target?.endsWith('GetCredentialsForIdentity')) exchanges++;
      return realFetch(input, init);
    };
    q.start(item.id);
    await waitFor(() => q.get(item.id)!.acknowledged > 0, 'first part');
    q.pause(item.id);
    const pausedAt = Date.now();
    await new Promise((r) => setTimeout(r, 5000)); // the credentials in use have now expired
    q.resume(item.id);
    const done = await waitFor(settled(q, item.id), 'upload to finish');
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(Date.now() - pausedAt).to.be.greaterThan(4000);
    globalThis.fetch = realFetch;
    expect(exchanges, 'credentials were fetched again after they expired').to.be.greaterThan(0);
    expect((await getBytes(env, done.key!)).bytes.length).to.equal(file.size);
    q.dispose();
  });

  it('retries a part that S3 refused with ExpiredToken after invalidating the shared credentials', async () => {
    const env = await privateEnv(3);
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const shared = sharedCredentials(cfg);
    // Credentials that S3 will call expired: obtained now, used after their 3 s lifetime. This
    // simulates a device clock running behind (the provider thinks they are still valid).
    const stale = await shared();
    await new Promise((r) => setTimeout(r, 3500));
    let invalidated = 0;
    let useStale = true;
    const provider = Object.assign(
      async (): Promise<AwsCredentialIdentity> => (useStale ? { ...stale, expiration: new Date(Date.now() + 3600_000) } : shared()),
      { memoized: true },
    );
    const s3 = new S3Client({ region: cfg.region, endpoint: cfg.s3Endpoint, forcePathStyle: true, credentials: provider, maxAttempts: 1 });
    const q = createUploadQueue({
      config: () => cfg,
      resumeStore: memoryStore(),
      s3Client: async () => s3,
      credentials: {
        identityId: () => shared.identityId(),
        role: () => shared.role(),
        invalidate: () => {
          invalidated++;
          useStale = false;
          shared.invalidate();
        },
      },
    });
    const file = await realMp4(7 * MIB);
    const [item] = await q.addFiles([file], { title: 'Reloj atrasado' });
    q.start(item.id);
    const done = await waitFor(settled(q, item.id), 'upload to finish');
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(invalidated, 'ExpiredToken led to invalidate()').to.be.greaterThan(0);
    expect(done.sha256).to.equal(await sha256Hex(file));
    q.dispose();
  });

  it('waits while the stand-in is down and completes once it is back', async () => {
    const env = await privateEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore(), retry: { baseMs: 300, capMs: 3000 } });
    const file = await realMp4(16 * MIB);
    const [item] = await q.addFiles([file], { title: 'Servidor caído' });
    q.start(item.id);
    await waitFor(() => q.get(item.id)!.acknowledged > 0, 'first part');
    // Stop the server between two parts: pause (so no part is in flight while it stops, and the
    // rest cannot slip through before it is down), stop it, resume.
    q.pause(item.id);
    await privateStop();
    q.resume(item.id);
    await waitFor(() => q.get(item.id)!.state === 'waiting', 'the upload to wait for the server', 120_000);
    expect(q.get(item.id)!.waitingFor).to.equal('backoff');
    await new Promise((r) => setTimeout(r, 1500));
    expect(q.get(item.id)!.state, 'still waiting, not failed').to.equal('waiting');
    await privateStart();
    const done = await waitFor(settled(q, item.id), 'upload to finish', 120_000);
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    const stored = await getBytes(env, done.key!);
    expect(await sha256Hex(new Blob([stored.bytes as Uint8Array<ArrayBuffer>]))).to.equal(await sha256Hex(file));
    q.dispose();
  });

  it("pauses itself on the browser's offline event and carries on after online", async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const file = await realMp4(16 * MIB);
    const [item] = await q.addFiles([file], { title: 'Sin red' });
    q.start(item.id);
    await waitFor(() => q.get(item.id)!.acknowledged > 0, 'first part');
    // The events the browser fires when the network goes and comes back (dispatched here: a test
    // page cannot unplug the machine).
    window.dispatchEvent(new Event('offline'));
    expect(q.get(item.id)!.state).to.equal('waiting');
    expect(q.get(item.id)!.waitingFor).to.equal('offline');
    // A part already answered by S3 when the event fired still counts; let that settle first.
    await new Promise((r) => setTimeout(r, 500));
    const acknowledged = q.get(item.id)!.acknowledged;
    const sent = q.get(item.id)!.partsSent;
    await new Promise((r) => setTimeout(r, 1000));
    expect(q.get(item.id)!.acknowledged, 'nothing acknowledged while offline').to.equal(acknowledged);
    expect(q.get(item.id)!.partsSent, 'no part sent while offline').to.equal(sent);
    expect(q.get(item.id)!.state).to.equal('waiting');
    window.dispatchEvent(new Event('online'));
    const done = await waitFor(settled(q, item.id), 'upload to finish');
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(done.sha256).to.equal(await sha256Hex(file));
    q.dispose();
  });

  it('resumes after a "reload": a new queue with the same file sends only the missing parts', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const dbName = `ine-resume-test-${Date.now()}`;
    const file = await realMp4(21 * MIB); // 5 parts: 4 × 5 MiB + the rest
    const totalParts = Math.ceil(file.size / (5 * MIB));

    const first = createUploadQueue({ config: () => cfg, resumeStore: indexedDbStore(dbName) });
    const [a] = await first.addFiles([file], { title: 'Antes de recargar', tags: 'recarga' });
    first.start(a.id);
    await waitFor(() => first.get(a.id)!.acknowledged >= 10 * MIB, 'two parts acknowledged');
    const key = first.get(a.id)!.key!;
    first.dispose(); // the page goes away mid-upload

    const [mp] = await waitFor(async () => {
      const u = await multipartUploads(env, key);
      return u.length ? u : undefined;
    }, 'the unfinished multipart upload');
    await new Promise((r) => setTimeout(r, 500)); // let an aborted in-flight part settle on the server
    const onS3 = await partsOnS3(env, key, mp.UploadId!);
    expect(onS3.length).to.be.within(2, totalParts - 1);

    // "After the reload": everything new but the IndexedDB database and the File.
    const second = createUploadQueue({ config: () => cfg, resumeStore: indexedDbStore(dbName) });
    const [b] = await second.addFiles([file]);
    expect(b.resumable, 'found in the resume store').to.equal(true);
    expect(b.metadata, 'metadata restored').to.deep.equal({ title: 'Antes de recargar', tags: ['recarga'] });
    second.start(b.id);
    const done = await waitFor(settled(second, b.id), 'resumed upload to finish');
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(done.key).to.equal(key);
    expect(done.resumed).to.equal(true);
    expect(done.partsSent, 'only missing parts sent').to.equal(totalParts - onS3.length);
    // The SHA-256 is still of the whole file (the parts sent before the reload were re-read).
    const sha = await sha256Hex(file);
    expect(done.sha256).to.equal(sha);
    expect((await getJson<UploadManifest>(env, manifestKeyFor(key))).sha256).to.equal(sha);
    expect((await getBytes(env, key)).bytes.length).to.equal(file.size);
    expect(await indexedDbStore(dbName).list(), 'resume record dropped').to.deep.equal([]);
    second.dispose();
  });

  it('starts over cleanly when the remembered multipart upload no longer exists (NoSuchUpload)', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const store = memoryStore();
    const file = await realMp4(11 * MIB);
    const first = createUploadQueue({ config: () => cfg, resumeStore: store });
    const [a] = await first.addFiles([file], { title: 'Caducada' });
    first.start(a.id);
    await waitFor(() => first.get(a.id)!.acknowledged > 0, 'a part');
    const oldKey = first.get(a.id)!.key!;
    first.dispose();
    const [mp] = await waitFor(async () => {
      const u = await multipartUploads(env, oldKey);
      return u.length ? u : undefined;
    }, 'the multipart upload');
    // Something else (a lifecycle rule, say) aborts it.
    await toolClient(env).send(new AbortMultipartUploadCommand({ Bucket: env.config.bucket, Key: oldKey, UploadId: mp.UploadId! }));

    const second = createUploadQueue({ config: () => cfg, resumeStore: store });
    const [b] = await second.addFiles([file]);
    expect(b.resumable).to.equal(true);
    second.start(b.id);
    const done = await waitFor(settled(second, b.id), 'fresh upload to finish');
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(done.key).to.not.equal(oldKey);
    expect(done.resumed).to.equal(false);
    expect(done.sha256).to.equal(await sha256Hex(file));
    expect(await store.list()).to.deep.equal([]);
    second.dispose();
  });

  it('cancel aborts the multipart upload: nothing is left on S3', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const cancels: unknown[] = [];
    q.subscribe((e) => e.type === 'cancel' && cancels.push(e.detail));
    const file = await realMp4(16 * MIB);
    const [item] = await q.addFiles([file], { title: 'Cancelada' });
    q.start(item.id);
    await waitFor(() => q.get(item.id)!.acknowledged > 0, 'a part');
    const key = q.get(item.id)!.key!;
    expect((await multipartUploads(env, key)).length).to.equal(1);
    await q.cancel(item.id);
    expect(q.get(item.id)!.state).to.equal('cancelled');
    expect(cancels).to.deep.equal([{ key, fileName: file.name }]);
    expect(await multipartUploads(env, key)).to.deep.equal([]);
    const listed = (await executeList(env, `uploads/${token.identityId}/`)).filter((k) => k.startsWith(key.replace(/\.mp4$/, '')));
    expect(listed, 'no object either').to.deep.equal([]);
    q.dispose();
  });

  it('a pause or cancel while S3 is creating the multipart upload leaves no upload behind', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    // Act at the worst moment: S3 has created the upload and answered, the answer is not read yet
    // (the uploader's S3 requests go through XMLHttpRequest, src/upload/xhr-handler.ts; this
    // listener is added before the handler's own `onload`, so it runs first).
    const creates: string[] = [];
    let onCreated: (() => void) | undefined;
    const realOpen = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      const u = new URL(String(url), location.href);
      if (method === 'POST' && u.searchParams.has('uploads')) {
        creates.push(decodeURIComponent(u.pathname.split('/').slice(2).join('/')));
        const act = onCreated;
        onCreated = undefined;
        this.addEventListener('load', () => act?.(), { once: true });
      }
      return (realOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof XMLHttpRequest.prototype.open;
    try {
      // Cancel: the upload S3 created is aborted; nothing stays.
      const file = await realMp4(6 * MIB);
      const [item] = await q.addFiles([file], { title: 'Cancelada al crear' });
      let cancelled: Promise<void> | undefined;
      onCreated = () => (cancelled = q.cancel(item.id));
      q.start(item.id);
      await waitFor(() => cancelled !== undefined, 'cancel during CreateMultipartUpload');
      await cancelled;
      expect(q.get(item.id)!.state).to.equal('cancelled');
      expect(creates).to.have.length(1);
      expect(await multipartUploads(env, creates[0]), 'no multipart upload left').to.deep.equal([]);

      // Pause: resuming continues the upload S3 created (no second one) and completes it.
      const [again] = await q.addFiles([await realMp4(6 * MIB)], { title: 'Pausada al crear' });
      onCreated = () => q.pause(again.id);
      q.start(again.id);
      await waitFor(() => q.get(again.id)!.state === 'paused' && creates.length === 2, 'paused during CreateMultipartUpload');
      await new Promise((r) => setTimeout(r, 300));
      q.resume(again.id);
      const done = await waitFor(settled(q, again.id), 'upload to finish');
      expect(done.state, JSON.stringify(done.error)).to.equal('complete');
      expect(creates, 'one CreateMultipartUpload for the paused file').to.have.length(2);
      expect(done.key).to.equal(creates[1]);
      expect(await multipartUploads(env, creates[1])).to.deep.equal([]);
    } finally {
      XMLHttpRequest.prototype.open = realOpen;
      q.dispose();
    }
  });

  it('a part rejected by S3 for a bad checksum surfaces as a ChecksumMismatch error', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg: IneConfig = configFor(env, token, { partSize: 5 * MIB, concurrency: 1 });
    // Test-only client middleware: after the CRC32 header is set, flip one byte of part 2's body,
    // as a faulty proxy or disk would. The real stand-in recomputes the CRC32 and refuses the part.
    const s3 = new S3Client({ region: cfg.region, endpoint: cfg.s3Endpoint, forcePathStyle: true, credentials: sharedCredentials(cfg) });
    let corrupted = 0;
    s3.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { query?: Record<string, string>; body?: unknown };
        if (req.query?.partNumber === '2' && req.body instanceof Blob) {
          const first = new Uint8Array(await req.body.slice(0, 1).arrayBuffer());
          req.body = new Blob([new Uint8Array([first[0] ^ 0xff]), req.body.slice(1)]);
          corrupted++;
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'testCorruptPart2', priority: 'low' },
    );
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore(), s3Client: async () => s3 });
    const file = await realMp4(11 * MIB);
    const [item] = await q.addFiles([file], { title: 'Dañada' });
    q.start(item.id);
    const done = await waitFor(settled(q, item.id), 'upload to fail');
    expect(done.state).to.equal('error');
    expect(done.error!.code).to.equal('ChecksumMismatch');
    expect(corrupted, 'retried, then gave up').to.equal(3);
    await q.cancel(item.id);
    q.dispose();
  });
});

async function executeList(env: Awaited<ReturnType<typeof sharedEnv>>, prefix: string): Promise<string[]> {
  const { objectKeys } = await import('./helpers.js');
  return objectKeys(env, prefix);
}
