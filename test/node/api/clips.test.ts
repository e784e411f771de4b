/** The clip routes end to end on the stand-in: list/search, get, patch with If-Match, publish, delete. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import { PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { codeOf, loginCredentials, s3Client } from '../stand-in/helpers.ts';

type Detail = { id: string; etag: string; record: { metadata: Record<string, unknown>; published: boolean }; embed: { html: string } };
type Page = { items: Array<{ id: string; title: string }>; total: number; nextCursor?: string };

describe('Web API: clips', () => {
  let bed: ApiTestBed;
  let admin: string;
  let viewer: string;
  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
    viewer = await bed.login('viewer');
  });
  after(() => bed.cleanup());

  it('lists and searches with the catalog ranking; drafts only for admins', async () => {
    const pub = await bed.seedClip({ published: true, metadata: { title: 'Debate presidencial en Sonora', tags: ['debate'] } });
    const draft = await bed.seedClip({ published: false, metadata: { title: 'Debate borrador' } });
    const asAdmin = await bed.call<Page>('GET', '/v1/clips?q=debate', { token: admin });
    assert.equal(asAdmin.status, 200);
    assert.deepEqual(new Set(asAdmin.body.items.map((i) => i.id)), new Set([pub.id, draft.id]));
    const asViewer = await bed.call<Page>('GET', '/v1/clips?q=debate', { token: viewer });
    assert.deepEqual(
      asViewer.body.items.map((i) => i.id),
      [pub.id],
    );
    const drafts = await bed.call<Page>('GET', '/v1/clips?status=draft', { token: admin });
    assert.ok(drafts.body.items.some((i) => i.id === draft.id) && !drafts.body.items.some((i) => i.id === pub.id));
  });

  it('pages with signed cursors that only fit their own query', async () => {
    for (let i = 0; i < 5; i++) await bed.seedClip({ published: true, metadata: { title: `Paginado ${i}` } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await bed.call<Page>('GET', `/v1/clips?q=paginado&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        token: viewer,
      });
      assert.equal(page.status, 200);
      assert.equal(page.body.total, 5);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, 5);
    const first = await bed.call<Page>('GET', '/v1/clips?q=paginado&limit=2', { token: viewer });
    const other = await bed.call('GET', `/v1/clips?q=otro&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`, { token: viewer });
    assert.equal(other.status, 400);
    assert.equal(other.body.code, 'BadCursor');
    const forged = await bed.call(
      'GET',
      `/v1/clips?q=paginado&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))}`,
      {
        token: viewer,
      },
    );
    assert.equal(forged.body.code, 'BadCursor');
  });

  it('gets one clip with URLs, ETag and an embed snippet; drafts are 404 to non-admins', async () => {
    const clip = await bed.seedClip({
      published: true,
      renditions: [{ width: 640, height: 360, bandwidth: 800000, codecs: 'avc1.64001e,mp4a.40.2', uri: '360p/index.m3u8' }],
    });
    const got = await bed.call<Detail & { urls: { master: string } }>('GET', `/v1/clips/${clip.id}`, { token: viewer });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('etag'), got.body.etag);
    assert.match(got.body.embed.html, new RegExp(`<ine-player video-id="${clip.id}"`));
    assert.equal(got.body.urls.master, `${bed.standIn.urls.cdn}/media/${clip.id}/master.m3u8`);
    const draft = await bed.seedClip();
    assert.equal((await bed.call('GET', `/v1/clips/${draft.id}`, { token: viewer })).status, 404);
    assert.equal((await bed.call('GET', `/v1/clips/${draft.id}`, { token: admin })).status, 200);
  });

  it('patches metadata with If-Match; a stale ETag gets 412 with the current version', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Original', tags: ['a'] } });
    const got = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const noMatch = await bed.call('PATCH', `/v1/clips/${clip.id}`, { token: admin, body: { title: 'Sin versión' } });
    assert.equal(noMatch.status, 428);
    const html = '<img src=x onerror=alert(1)> <script>alert(1)</script>';
    const ok = await bed.call<Detail>('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      body: { title: `  ${html}  `, tags: ['b', 'b', ' c '], outlet: null },
      headers: { 'if-match': got.body.etag },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.record.metadata.title, html, 'stored as text, trimmed, never rewritten');
    assert.deepEqual(ok.body.record.metadata.tags, ['b', 'c']);
    const stale = await bed.call<{ code: string; current: Detail }>('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      body: { title: 'Tarde' },
      headers: { 'if-match': got.body.etag },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.code, 'PreconditionFailed');
    assert.equal(stale.body.current.etag, ok.body.etag);
    assert.equal(stale.body.current.record.metadata.title, html);
    const stored = JSON.parse(
      await (
        await bed.s3.send(new GetObjectCommand({ Bucket: bed.standIn.config.bucket, Key: `media/${clip.id}/video.json` }))
      ).Body!.transformToString(),
    );
    assert.equal(stored.metadata.title, html);
  });

  it('refuses what the forms refuse, unknown fields and over-long values, changing nothing', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Intacto' } });
    const { body } = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const cases: Array<[unknown, string]> = [
      [{ title: '' }, 'InvalidRequest'],
      [{ title: 'x'.repeat(501) }, 'InvalidRequest'],
      [{ colour: 'red' }, 'InvalidRequest'],
      [{ broadcastAt: '2999-01-01T00:00:00Z' }, 'InvalidRequest'],
      [{ state: 'Atlantis' }, 'InvalidRequest'],
      [{ tags: 'not-a-list' }, 'InvalidRequest'],
      [{}, 'InvalidRequest'],
    ];
    for (const [patch, code] of cases) {
      const res = await bed.call('PATCH', `/v1/clips/${clip.id}`, { token: admin, body: patch, headers: { 'if-match': body.etag } });
      assert.equal(res.body.code, code, JSON.stringify(patch));
    }
    const bad = await bed.call('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      raw: '{"title":',
      headers: { 'if-match': body.etag, 'content-type': 'application/json' },
    });
    assert.equal(bad.body.code, 'MalformedBody');
    const big = await bed.call('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      raw: JSON.stringify({ description: 'x'.repeat(70_000) }),
      headers: { 'if-match': body.etag, 'content-type': 'application/json' },
    });
    assert.equal(big.status, 413);
    const after = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(after.body.etag, body.etag);
  });

  it('publishes, unpublishes and deletes; viewers and uploaders may not', async () => {
    const clip = await bed.seedClip();
    const uploader = await bed.login('uploader');
    const refused = await bed.call('POST', `/v1/clips/${clip.id}/publish`, { token: uploader });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'InsufficientScope');
    const pub = await bed.call<Detail>('POST', `/v1/clips/${clip.id}/publish`, { token: admin });
    assert.equal(pub.body.record.published, true);
    const cdn = await fetch(`${bed.standIn.urls.cdn}/media/${clip.id}/video.json`);
    assert.equal(cdn.status, 200);
    await bed.standIn.indexed(); // the public catalog follows the record through the indexer
    const listed = await bed.call<Page>('GET', `/v1/clips`, { token: viewer });
    assert.ok(listed.body.items.some((i) => i.id === clip.id));
    const unpub = await bed.call<Detail>('POST', `/v1/clips/${clip.id}/unpublish`, { token: admin, body: {} });
    assert.equal(unpub.body.record.published, false);
    const processing = await bed.seedClip({ status: 'processing' });
    assert.equal((await bed.call('POST', `/v1/clips/${processing.id}/publish`, { token: admin })).body.code, 'ClipNotReady');
    assert.equal((await bed.call('DELETE', `/v1/clips/${clip.id}`, { token: viewer })).status, 403);
    const Bucket = bed.standIn.config.bucket;
    const leftovers = [
      `media/${clip.id}/720p/index.m3u8`,
      `media/${clip.id}/poster.jpg`,
      clip.source.key,
      clip.source.key.replace(/\.mp4$/, '.json'),
    ];
    for (const Key of leftovers) await bed.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
    const del = await bed.call('DELETE', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(del.status, 204);
    assert.equal((await bed.call('GET', `/v1/clips/${clip.id}`, { token: admin })).status, 404);
    assert.equal(
      await codeOf(bed.s3.send(new GetObjectCommand({ Bucket: bed.standIn.config.bucket, Key: `media/${clip.id}/video.json` }))),
      'NoSuchKey',
    );
    for (const Key of leftovers) assert.equal(await codeOf(bed.s3.send(new GetObjectCommand({ Bucket, Key }))), 'NoSuchKey', Key);
  });

  it('refuses an admin identity’s direct S3 writes to clip records and both catalogs (the API is the one write path)', async () => {
    const clip = await bed.seedClip({ published: true });
    const { credentials } = await loginCredentials(bed.standIn, 'admin');
    const s3 = s3Client(bed.standIn, credentials);
    const Bucket = bed.standIn.config.bucket;
    try {
      for (const Key of ['catalog/index.json', 'catalog/recent.json', 'index/index.json', `media/${clip.id}/video.json`]) {
        assert.equal(await codeOf(s3.send(new PutObjectCommand({ Bucket, Key, Body: '{}' }))), 'AccessDenied', Key);
        assert.equal(await codeOf(s3.send(new DeleteObjectCommand({ Bucket, Key }))), 'AccessDenied', Key);
      }
      // Reading stays (the admin catalog reads the private index and records).
      assert.equal(await codeOf(s3.send(new GetObjectCommand({ Bucket, Key: `media/${clip.id}/video.json` }))), 'OK');
      // The audit log is not readable through S3 by any role.
      assert.equal(await codeOf(s3.send(new GetObjectCommand({ Bucket, Key: 'audit/entries/000000000001.json' }))), 'AccessDenied');
    } finally {
      s3.destroy();
    }
  });

  it('answers unknown routes and methods as problems', async () => {
    assert.equal((await bed.call('GET', '/v1/nothing', { token: admin })).body.code, 'NotFound');
    const m = await bed.call('PUT', '/v1/clips', { token: admin });
    assert.equal(m.body.code, 'MethodNotAllowed');
    assert.equal(m.headers.get('allow'), 'GET');
    assert.equal((await bed.call('GET', '/v1/clips?colour=red', { token: admin })).body.code, 'InvalidRequest');
    assert.equal((await bed.call('GET', '/v1/clips/NOT-AN-ID', { token: admin })).body.code, 'InvalidRequest');
  });
});
