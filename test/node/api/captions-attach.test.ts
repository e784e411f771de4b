/** Attaching caption files through the Web API on the stand-in: stored, listed once per language, audited, refused cleanly. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

type Detail = { etag: string; record: { captions?: Array<{ lang: string; label: string; uri: string; source?: string }>; updatedAt: string } };
type AuditPage = { items: Array<{ action: string; before: { captions?: unknown[] }; after: { captions?: unknown[] } }> };

const SRT =
  '1\n00:00:01,000 --> 00:00:03,000\nLa <b>votación</b> en el distrito\n\n2\n00:00:04,000 --> 00:00:05,000\n<font color="red">cierre</font>\n';

describe('Web API: caption files', () => {
  let bed: ApiTestBed;
  let admin: string;
  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
  });
  after(() => bed.cleanup());

  const text = async (key: string) => {
    const got = await bed.s3.send(new GetObjectCommand({ Bucket: bed.standIn.config.bucket, Key: key }));
    return { body: await got.Body!.transformToString(), type: got.ContentType, cache: got.CacheControl };
  };

  it('attaches an SRT as WebVTT, replacing the extracted track of that language, and audits it', async () => {
    const clip = await bed.seedClip({ captions: [{ lang: 'es', label: 'Español (CC)', uri: 'captions/es.vtt' }] });
    const put = await bed.call<Detail>('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: admin,
      raw: SRT,
      headers: { 'content-type': 'application/x-subrip' },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const [track] = put.body.record.captions!;
    assert.equal(put.body.record.captions!.length, 1);
    assert.equal(track!.source, 'attached');
    assert.match(track!.uri, /^captions\/attached\/es\.[0-9a-f]{16}\.vtt$/);
    const stored = await text(`media/${clip.id}/${track!.uri}`);
    assert.equal(
      stored.body,
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nLa <b>votación</b> en el distrito\n\n00:00:04.000 --> 00:00:05.000\ncierre\n',
    );
    assert.match(stored.type ?? '', /^text\/vtt/);
    assert.match(stored.cache ?? '', /immutable/);

    // The indexer reads the file: the clip is found by a word said in it; a page lists no caption words.
    await bed.standIn.indexed();
    const found = await bed.call<{ items: Array<Record<string, unknown>> }>('GET', '/v1/clips?q=distrito', { token: admin });
    const item = found.body.items.find((i) => i.id === clip.id);
    assert.ok(item, 'found by a caption word');
    assert.equal(item.captionWords, undefined);

    // A changed file gets a new URI (the CDN's immutable copy of the old one is never served for it).
    const again = await bed.call<Detail>('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: admin,
      raw: 'WEBVTT\n\n00:01.000 --> 00:02.000\notra versión\n',
      headers: { 'content-type': 'text/vtt', 'if-match': put.body.etag },
    });
    assert.equal(again.status, 200);
    assert.notEqual(again.body.record.captions![0]!.uri, track!.uri);
    const en = await bed.call<Detail>('PUT', `/v1/clips/${clip.id}/captions/en`, {
      token: admin,
      raw: 'WEBVTT\n\n00:01.000 --> 00:02.000\nthe vote\n',
      headers: { 'content-type': 'text/vtt; charset=utf-8' },
    });
    assert.deepEqual(
      en.body.record.captions!.map((c) => [c.lang, c.label]),
      [
        ['es', 'Español'],
        ['en', 'English'],
      ],
    );
    // A stale If-Match changes nothing.
    const stale = await bed.call('DELETE', `/v1/clips/${clip.id}/captions/en`, { token: admin, headers: { 'if-match': put.body.etag } });
    assert.equal(stale.status, 412);
    const removed = await bed.call<Detail>('DELETE', `/v1/clips/${clip.id}/captions/en`, { token: admin });
    assert.equal(removed.status, 200);
    assert.deepEqual(
      removed.body.record.captions!.map((c) => c.lang),
      ['es'],
    );
    assert.equal((await bed.call('DELETE', `/v1/clips/${clip.id}/captions/en`, { token: admin })).status, 404);

    const history = await bed.call<AuditPage>('GET', `/v1/clips/${clip.id}/history`, { token: admin });
    const entries = history.body.items.filter((e) => e.action === 'clip.captions');
    assert.equal(entries.length, 4);
    assert.equal(entries[0]!.before.captions!.length, 1);
    assert.deepEqual((entries[0]!.before.captions as Array<{ uri: string }>)[0]!.uri, 'captions/es.vtt');
  });

  it('refuses a bad file with a stable code, reason and line, and changes nothing', async () => {
    const clip = await bed.seedClip({});
    const before = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const late = await bed.call('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: admin,
      raw: 'WEBVTT\n\n00:01.000 --> 00:02.000\nbien\n\n01:00.000 --> 01:02.000\nfuera\n',
      headers: { 'content-type': 'text/vtt' },
    });
    assert.equal(late.status, 422);
    assert.equal(late.body.code, 'CaptionFileInvalid');
    assert.equal(late.body.reason, 'outsideClip');
    assert.equal(late.body.line, 6);
    const html = await bed.call('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: admin,
      raw: '<p>hi</p>',
      headers: { 'content-type': 'text/html' },
    });
    assert.equal(html.body.code, 'UnsupportedMediaType');
    const big = await bed.call('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: admin,
      raw: 'WEBVTT\n\n' + 'x'.repeat(600 * 1024),
      headers: { 'content-type': 'text/vtt' },
    });
    assert.equal(big.body.code, 'BodyTooLarge');
    const lang = await bed.call('PUT', `/v1/clips/${clip.id}/captions/..%2Fx`, {
      token: admin,
      raw: 'WEBVTT\n',
      headers: { 'content-type': 'text/vtt' },
    });
    assert.equal(lang.status, 400);
    const viewer = await bed.call('PUT', `/v1/clips/${clip.id}/captions/es`, {
      token: await bed.login('viewer'),
      raw: 'WEBVTT\n\n00:01.000 --> 00:02.000\nx\n',
      headers: { 'content-type': 'text/vtt' },
    });
    assert.equal(viewer.body.code, 'InsufficientScope');
    const now = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(now.body.etag, before.body.etag);
  });
});
