/**
 * Embargo and scheduled publication on the stand-in, with a controllable clock (no sleeping): the CDN
 * refuses a clip's media and record before `publishAt` and from `unpublishAt` on, by the server's
 * time whatever the viewer's clock says; the public catalog gains and drops the clip at each boundary
 * without anyone acting, and a restart keeps the scheduled boundary.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { manualClock, type ManualClock } from '../../../core/publication/clock.ts';
import { clipSearchOver } from '../../../core/api/clip-search.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';
import { isListedAt, nextBoundary } from '../../../src/contract/publication-window.ts';
import { apiTestBed, type ApiTestBed } from '../api/helpers.ts';
import { serviceClient, testStandIn } from './helpers.ts';

const HOUR = 3600_000;

describe('embargo: the CDN gate and the scheduled catalog', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ine-embargo-'));
  let bed: ApiTestBed;
  let clock: ManualClock;
  let t0: number;
  let id: string;
  const cdn = (path: string, headers: Record<string, string> = {}) => fetch(`${bed.standIn.config.cdnBaseUrl}/${path}`, { headers });
  const listed = async (everyClip: boolean) =>
    (
      await clipSearchOver(s3ObjectStore(bed.s3, bed.standIn.config.bucket)).page({ q: 'embargada' } as never, { everyClip, offset: 0, limit: 10 })
    ).items.map((e) => e.id);

  before(async () => {
    t0 = Date.now();
    clock = manualClock(t0);
    bed = await apiTestBed({ dataDir, clock });
    const record = await bed.seedClip({
      published: true,
      metadata: { title: 'Conferencia embargada', publishAt: new Date(t0 + HOUR).toISOString(), unpublishAt: new Date(t0 + 2 * HOUR).toISOString() },
    });
    id = record.id;
    await bed.s3.send(new PutObjectCommand({ Bucket: bed.standIn.config.bucket, Key: `media/${id}/720p/index.m3u8`, Body: '#EXTM3U\n' }));
  });
  after(async () => {
    await bed.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('before publishAt: media and record refused to anyone who knows the id, whatever the viewer’s clock', async () => {
    for (const path of [`media/${id}/720p/index.m3u8`, `media/${id}/video.json`]) {
      assert.equal((await cdn(path)).status, 404, path);
      // A viewer whose clock is hours ahead (inside the window by its reckoning) changes nothing.
      const skewed = new Date(t0 + 90 * 60_000).toUTCString();
      assert.equal((await cdn(path, { date: skewed, 'if-modified-since': skewed })).status, 404, `${path} with a skewed clock`);
    }
    assert.deepEqual(await listed(false), [], 'not in the public catalog');
    assert.deepEqual(await listed(true), [id], 'in the private index, for admins');
    const saved = JSON.parse(readFileSync(join(dataDir, 'indexer', 'boundaries.json'), 'utf8')) as Record<string, number>;
    assert.equal(saved[id], t0 + HOUR, 'the next boundary is scheduled, on disk');
  });

  it('at publishAt: served and listed, without anyone acting', async () => {
    clock.set(t0 + HOUR);
    await bed.standIn.indexed();
    assert.equal((await cdn(`media/${id}/720p/index.m3u8`)).status, 200);
    assert.equal((await cdn(`media/${id}/video.json`)).status, 200);
    assert.deepEqual(await listed(false), [id]);
    const saved = JSON.parse(readFileSync(join(dataDir, 'indexer', 'boundaries.json'), 'utf8')) as Record<string, number>;
    assert.equal(saved[id], t0 + 2 * HOUR, 'then the end of the window is scheduled');
  });

  it('a restart keeps the schedule: at unpublishAt the clip leaves the catalog and the CDN refuses it', async () => {
    await bed.standIn.close();
    const clock2 = manualClock(t0 + HOUR + 1);
    const again = await testStandIn({ dataDir, clock: clock2 });
    try {
      const s3 = serviceClient(again);
      const search = () =>
        clipSearchOver(s3ObjectStore(s3, again.config.bucket))
          .page({ q: 'embargada' } as never, { everyClip: false, offset: 0, limit: 10 })
          .then((p) => p.items.map((e) => e.id));
      assert.deepEqual(await search(), [id]);
      assert.equal(clock2.pending() > 0, true, 'the boundary is armed again after the restart');
      clock2.set(t0 + 2 * HOUR);
      await again.indexed();
      assert.deepEqual(await search(), []);
      assert.equal((await fetch(`${again.config.cdnBaseUrl}/media/${id}/720p/index.m3u8`)).status, 404);
      s3.destroy();
    } finally {
      await again.close();
    }
    // The bed's own cleanup closes the first stand-in again (harmless) and removes nothing of dataDir.
  });
});

describe('the one rule (src/contract/publication-window.ts)', () => {
  it('published, ready and inside [publishAt, unpublishAt)', () => {
    const r = { published: true, status: 'ready', metadata: { publishAt: '2027-06-01T00:00:00Z', unpublishAt: '2027-06-02T00:00:00Z' } };
    const at = (iso: string) => isListedAt(r, Date.parse(iso));
    assert.equal(at('2027-05-31T23:59:59.999Z'), false);
    assert.equal(at('2027-06-01T00:00:00Z'), true);
    assert.equal(at('2027-06-01T23:59:59.999Z'), true);
    assert.equal(at('2027-06-02T00:00:00Z'), false);
    assert.equal(isListedAt({ ...r, published: false }, Date.parse('2027-06-01T12:00:00Z')), false);
    assert.equal(isListedAt({ ...r, status: 'processing' }, Date.parse('2027-06-01T12:00:00Z')), false);
    assert.equal(isListedAt({ published: true, status: 'ready', metadata: {} }, 0), true, 'no window: always');
    assert.equal(nextBoundary(r, Date.parse('2027-01-01T00:00:00Z')), Date.parse('2027-06-01T00:00:00Z'));
    assert.equal(nextBoundary(r, Date.parse('2027-06-01T00:00:00Z')), Date.parse('2027-06-02T00:00:00Z'));
    assert.equal(nextBoundary(r, Date.parse('2027-06-02T00:00:00Z')), undefined);
  });
});
