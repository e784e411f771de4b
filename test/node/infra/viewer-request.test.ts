/**
 * The CloudFront Function that gates the CDN (infra/cdn/viewer-request.js), run in a Node VM with
 * the same source that is deployed. CloudFront's `cloudfront` module (the KeyValueStore binding)
 * cannot run outside CloudFront, so it is the one test double here: a Map behind `cf.kvs(id)` that,
 * like the real one, rejects on a missing key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { viewerRequestSource } from '../../../infra/lib/cdn.ts';

type Req = { uri: string; method: string; headers: Record<string, unknown> };
type Res = { statusCode: number; headers: Record<string, { value: string }> };

function loadGate(published: Map<string, string>) {
  const kvsIds: string[] = [];
  const cf = {
    kvs(id: string) {
      kvsIds.push(id);
      return { get: async (key: string) => (published.has(key) ? published.get(key)! : Promise.reject(new Error(`Key ${key} not found`))) };
    },
  };
  const src = viewerRequestSource('kvs-0123');
  assert.match(src, /^import cf from 'cloudfront';$/m, 'CloudFront JS 2.0 imports its module like this');
  const body = src.replace(/^import cf from 'cloudfront';$/m, '');
  const ctx = vm.createContext({ cf });
  vm.runInContext(`${body}\nthis.handler = handler;`, ctx);
  return { handler: ctx.handler as (e: { request: Req }) => Promise<Req | Res>, kvsIds };
}

const PUBLISHED = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const DRAFT = 'ffeeddccbbaa99887766554433221100';
const gate = loadGate(new Map([[PUBLISHED, '2026-06-01T12:00:00Z']]));
const request = (uri: string): { request: Req } => ({ request: { uri, method: 'GET', headers: {} } });
async function status(uri: string): Promise<number> {
  const out = await gate.handler(request(uri));
  return 'statusCode' in out ? out.statusCode : 200;
}

describe('CDN gate (CloudFront Function)', () => {
  it('binds the KeyValueStore id it was synthesized with', () => {
    assert.deepEqual(gate.kvsIds, ['kvs-0123']);
  });
  it('passes every file of a published clip through unchanged', async () => {
    for (const f of ['master.m3u8', '720p/index.m3u8', '720p/seg_00001.m4s', 'poster.jpg', 'storyboard.vtt', 'video.json']) {
      const e = request(`/media/${PUBLISHED}/${f}`);
      assert.equal(await gate.handler(e), e.request, f);
    }
  });
  it('serves the public catalog', async () => {
    assert.equal(await status('/catalog/index.json'), 200);
    assert.equal(await status('/catalog/shards/0001.json'), 200);
  });
  it('serves the provenance keys at their one fixed path, nothing else under keys/', async () => {
    assert.equal(await status('/keys/provenance-jwks.json'), 200);
    assert.equal(await status('/keys/other.json'), 404);
    assert.equal(await status('/keys/'), 404);
  });
  it('answers 404 for unpublished and unknown clips (no existence oracle), uncacheable', async () => {
    assert.equal(await status(`/media/${DRAFT}/master.m3u8`), 404);
    assert.equal(await status(`/media/${DRAFT}/video.json`), 404);
    const res = (await gate.handler(request(`/media/${DRAFT}/poster.jpg`))) as Res;
    assert.equal(res.headers['cache-control']!.value, 'no-store');
  });
  it('answers 403 for sources and the private index, 404 for anything else', async () => {
    assert.equal(await status('/uploads/us-east-1:abc/123.mp4'), 403);
    assert.equal(await status('/index/drafts.json'), 403);
    assert.equal(await status('/'), 404);
    assert.equal(await status('/catalog/'), 404);
    assert.equal(await status(`/media/${PUBLISHED}`), 404);
    assert.equal(await status(`/media/${PUBLISHED}/`), 404);
    assert.equal(await status('/favicon.ico'), 404);
  });
  it('refuses path tricks that could reach another key', async () => {
    for (const uri of [
      `/media/${PUBLISHED}/../../uploads/x/y.mp4`,
      `/media/${PUBLISHED}/%2e%2e/${DRAFT}/master.m3u8`,
      `/media/${PUBLISHED}/..%2F${DRAFT}/master.m3u8`,
      `/catalog/../index/drafts.json`,
      `/catalog/./x.json`,
      `//media/${PUBLISHED}/master.m3u8`,
      `/media/${PUBLISHED}//master.m3u8`,
      `/media/${PUBLISHED}\\..\\x`,
      '/media/short/master.m3u8',
      '/media/has.dot.id/master.m3u8',
      '/media/A1B2C3D4E5F60718293A4B5C6D7E8F90/master.m3u8',
    ]) {
      assert.equal(await status(uri), 404, uri);
    }
  });
  it('uses the clip id pattern of the storage contract (schemas/video.schema.json)', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../schemas/video.schema.json', import.meta.url), 'utf8')) as {
      properties: { id: { pattern: string } };
    };
    assert.ok(viewerRequestSource('k').includes(`const ID = /${schema.properties.id.pattern}/;`));
  });
  it("fits CloudFront Functions' 10 KB code limit", () => {
    assert.ok(Buffer.byteLength(viewerRequestSource('k'.repeat(40))) < 10 * 1024);
  });
});
