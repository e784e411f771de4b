/** Idempotency keys on POST and the per-principal rate limit. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import { storeIdempotencyStore } from '../../../core/api/idempotency.ts';
import { ApiProblem } from '../../../core/api/problem.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';

type Detail = { etag: string; record: { published: boolean; updatedAt: string } };

describe('Web API: idempotency and rate limits', () => {
  let bed: ApiTestBed;
  let admin: string;
  before(async () => {
    bed = await apiTestBed({ apiLimits: { requestsPerSecond: 2, burst: 40 } });
    admin = await bed.login('admin');
  });
  after(() => bed.cleanup());

  it('replays the stored answer for the same key and request; refuses the key with another request', async () => {
    const clip = await bed.seedClip();
    const key = { 'idempotency-key': 'publish-1' };
    const first = await bed.call<Detail>('POST', `/v1/clips/${clip.id}/publish`, { token: admin, headers: key });
    assert.equal(first.status, 200);
    // Unpublished in between: a replay must not publish again, it answers what the first call answered.
    await bed.call('POST', `/v1/clips/${clip.id}/unpublish`, { token: admin });
    const again = await bed.call<Detail>('POST', `/v1/clips/${clip.id}/publish`, { token: admin, headers: key });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    const now = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(now.body.record.published, false, 'the replay changed nothing');
    const other = await bed.seedClip();
    const reused = await bed.call('POST', `/v1/clips/${other.id}/publish`, { token: admin, headers: key });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'IdempotencyKeyReused');
    const differentBody = await bed.call('POST', '/v1/clients', {
      token: admin,
      body: { name: 'a', role: 'viewer', scopes: ['clips:read'] },
      headers: { 'idempotency-key': 'c1' },
    });
    assert.equal(differentBody.status, 201);
    const changed = await bed.call('POST', '/v1/clients', {
      token: admin,
      body: { name: 'b', role: 'viewer', scopes: ['clips:read'] },
      headers: { 'idempotency-key': 'c1' },
    });
    assert.equal(changed.body.code, 'IdempotencyKeyReused');
    assert.equal(
      (await bed.call('POST', `/v1/clips/${other.id}/publish`, { token: admin, headers: { 'idempotency-key': ' bad key ' } })).body.code,
      'IdempotencyKeyInvalid',
    );
    // Scoped per principal: another caller's identical key is a new request.
    const client = (
      await bed.call<{ client: { clientId: string }; clientSecret: string }>('POST', '/v1/clients', {
        token: admin,
        body: { name: 'c', role: 'admin', scopes: ['clips:publish'] },
      })
    ).body;
    const res = await fetch(`${bed.standIn.config.authUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${client.client.clientId}&client_secret=${client.clientSecret}`,
    });
    const sys = ((await res.json()) as { access_token: string }).access_token;
    const theirs = await bed.call<Detail>('POST', `/v1/clips/${other.id}/publish`, { token: sys, headers: key });
    assert.equal(theirs.status, 200);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
  });

  it('keeps idempotency keys in the bucket for many instances (Lambda): one claim, shared replays, expiry', async () => {
    let now = Date.now();
    const store = s3ObjectStore(bed.s3, bed.standIn.config.bucket);
    const [a, b] = [storeIdempotencyStore(store, 24 * 3600_000, () => now), storeIdempotencyStore(store, 24 * 3600_000, () => now)];
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'OK',
        (e: unknown) => (e instanceof ApiProblem ? e.code : String(e)),
      );
    const claims = await Promise.allSettled([a.begin('user:x', 'k1', 'f1'), b.begin('user:x', 'k1', 'f1')]);
    assert.deepEqual(claims.map((c) => (c.status === 'fulfilled' ? c.value.state : (c.reason as ApiProblem).code)).sort(), [
      'IdempotencyInProgress',
      'new',
    ]);
    const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } };
    await a.complete('user:x', 'k1', answer);
    assert.deepEqual(await b.begin('user:x', 'k1', 'f1'), { state: 'replay', response: answer });
    assert.equal(await code(b.begin('user:x', 'k1', 'f2')), 'IdempotencyKeyReused');
    assert.deepEqual(await b.begin('user:y', 'k1', 'f2'), { state: 'new' }, 'scoped per principal');
    now += 25 * 3600_000;
    assert.deepEqual(await b.begin('user:x', 'k1', 'f2'), { state: 'new' }, 'expired after 24 h');
  });

  it('answers 429 with Retry-After once a principal’s budget is spent, without touching others', async () => {
    const viewer = await bed.login('viewer');
    let limited;
    for (let i = 0; i < 200 && !limited; i++) {
      const r = await bed.call('GET', '/v1/clips?limit=1', { token: viewer });
      if (r.status === 429) limited = r;
      else assert.equal(r.status, 200);
    }
    assert.ok(limited, 'the limit was reached');
    assert.equal(limited.body.code, 'RateLimited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    const uploader = await bed.login('uploader');
    assert.equal((await bed.call('GET', '/v1/clips?limit=1', { token: uploader })).status, 200);
  });
});
