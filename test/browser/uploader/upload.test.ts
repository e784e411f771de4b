import { expect } from '@open-wc/testing';
import { createUploadQueue, type UploadQueueEvent } from '../../../src/upload/index.js';
import { memoryStore } from '../../../src/upload/resume-store.js';
import { sharedHasher } from '../../../src/upload/hasher.js';
import { manifestKeyFor, type UploadManifest } from '../../../src/contract/upload-manifest.js';
import { decodeMetaValue } from '../../../src/upload/metadata.js';
import { configFor, getBytes, getJson, login, MIB, multipartUploads, realMp4, sha256Hex, sharedEnv, waitFor } from './helpers.js';

describe('upload queue against the local stand-in', () => {
  it('uploads a real mp4 in parts; S3 has it byte for byte, with metadata and a manifest carrying its SHA-256', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 2 });
    const file = await realMp4(13 * MIB);
    const events: UploadQueueEvent[] = [];
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    q.subscribe((e) => e.type !== 'change' && events.push(e));
    const meta = {
      title: 'Debate en Michoacán',
      description: 'Segundo bloque',
      outlet: 'Canal 14',
      program: 'Noticias',
      broadcastAt: '2024-05-19T20:00:00-06:00',
      state: 'Michoacán',
      tags: 'debate, gubernatura',
    };
    const [item] = await q.addFiles([file], meta);
    expect(item.state).to.equal('ready');
    q.start(item.id);
    const done = await waitFor(
      () => (q.get(item.id)!.state === 'complete' || q.get(item.id)!.state === 'error' ? q.get(item.id) : undefined),
      'upload to finish',
    );
    expect(done.error, JSON.stringify(done.error)).to.equal(undefined);
    expect(done.state).to.equal('complete');

    // Key layout: uploads/<identity id>/<128-bit hex id>.mp4
    expect(done.key).to.match(new RegExp(`^uploads/${token.identityId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[0-9a-f]{32}\\.mp4$`));
    const expectedSha = await sha256Hex(file);
    expect(done.sha256).to.equal(expectedSha);

    const stored = await getBytes(env, done.key!);
    expect(stored.bytes.length).to.equal(file.size);
    const original = new Uint8Array(await file.arrayBuffer());
    let same = true;
    for (let i = 0; i < original.length; i++)
      if (original[i] !== stored.bytes[i]) {
        same = false;
        break;
      }
    expect(same, 'byte for byte').to.equal(true);
    expect(decodeMetaValue(stored.metadata.title)).to.equal('Debate en Michoacán');
    expect(decodeMetaValue(stored.metadata.state)).to.equal('Michoacán');
    expect(stored.metadata.tags).to.equal('debate,gubernatura');

    const manifest = await getJson<UploadManifest>(env, manifestKeyFor(done.key!));
    expect(manifest).to.deep.include({
      schemaVersion: 1,
      key: done.key,
      identityId: token.identityId,
      size: file.size,
      sha256: expectedSha,
      fileName: file.name,
      contentType: 'video/mp4',
    });
    expect(manifest.metadata).to.deep.equal({ ...meta, tags: ['debate', 'gubernatura'] });

    // Events: start, a progress per part (3 parts of ≤5 MiB), complete with { key, size, sha256, metadata }.
    const types = events.map((e) => e.type);
    expect(types[0]).to.equal('start');
    expect(types.filter((t) => t === 'progress').length).to.equal(3);
    expect(types.at(-1)).to.equal('complete');
    const complete = events.at(-1) as Extract<UploadQueueEvent, { type: 'complete' }>;
    expect(complete.detail).to.deep.include({ key: done.key, size: file.size, sha256: expectedSha });
    const last = events.filter((e) => e.type === 'progress').at(-1) as Extract<UploadQueueEvent, { type: 'progress' }>;
    expect(last.detail.loaded).to.equal(file.size);
    expect(await multipartUploads(env, done.key!), 'no multipart upload left for this key').to.deep.equal([]);
    expect(sharedHasher().inWorker, 'hashing ran in the Web Worker').to.equal(true);
    q.dispose();
  });

  it('uploads several files at once, each to its own key', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token, { partSize: 5 * MIB, concurrency: 2 });
    const files = await Promise.all([realMp4(6 * MIB), realMp4(2 * MIB), realMp4(11 * MIB)]);
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore(), maxActiveFiles: 3 });
    let maxActive = 0;
    q.subscribe(() => {
      maxActive = Math.max(maxActive, q.items.filter((i) => i.state === 'uploading').length);
    });
    const items = await q.addFiles(
      files,
      files.map((f, i) => ({ title: `Clip ${i + 1}` })),
    );
    q.start();
    await waitFor(() => q.items.every((i) => i.state === 'complete' || i.state === 'error'), 'all uploads to finish');
    expect(q.items.map((i) => i.state)).to.deep.equal(['complete', 'complete', 'complete']);
    expect(maxActive, 'files upload in parallel').to.be.greaterThan(1);
    const keys = new Set(q.items.map((i) => i.key));
    expect(keys.size).to.equal(3);
    for (const [i, item] of q.items.entries()) {
      expect(item.sha256).to.equal(await sha256Hex(files[i]));
      const m = await getJson<UploadManifest>(env, manifestKeyFor(item.key!));
      expect(m.metadata.title).to.equal(`Clip ${i + 1}`);
      expect(m.size).to.equal(files[i].size);
      expect(items[i].id).to.equal(item.id);
    }
    q.dispose();
  });

  it('after a sign-out and a sign-in as someone else, the same queue uploads with the new credentials', async () => {
    const env = await sharedEnv();
    const first = await login(env, 'uploader');
    const second = await login(env, 'admin');
    let cfg = configFor(env, first);
    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    const [a] = await q.addFiles([await realMp4(1 * MIB)], { title: 'Primera sesión' });
    q.start(a.id);
    await waitFor(() => q.get(a.id)!.state === 'complete', 'first upload');
    expect(q.get(a.id)!.key!.startsWith(`uploads/${first.identityId}/`)).to.equal(true);
    cfg = configFor(env, second); // resets the page's shared credentials, new login callback
    const [b] = await q.addFiles([await realMp4(1 * MIB)], { title: 'Segunda sesión' });
    q.start(b.id);
    const done = await waitFor(
      () => (q.get(b.id)!.state === 'complete' || q.get(b.id)!.state === 'error' ? q.get(b.id) : undefined),
      'second upload',
    );
    expect(done.state, JSON.stringify(done.error)).to.equal('complete');
    expect(done.key!.startsWith(`uploads/${second.identityId}/`), done.key).to.equal(true);
    q.dispose();
  });
});
