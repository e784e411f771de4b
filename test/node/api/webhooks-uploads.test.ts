/**
 * The webhook subscription and upload routes of /v1 through the real router: scopes, problem+json
 * codes mapped from the domain errors, Idempotency-Key on their POSTs, the audit trail (never a
 * secret), and every answer checked against the OpenAPI document (helpers.ts). The full upload →
 * packaging → publish path runs in the Java and curl walkthrough tests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

let bed: ApiTestBed;
let admin: string;
before(async () => {
  bed = await apiTestBed({ packager: false });
  admin = await bed.login('admin');
});
after(() => bed.cleanup());

const upload = { fileName: 'nota.mp4', size: 40 * 1024 * 1024, sha256: 'a'.repeat(64), contentType: 'video/mp4', metadata: { title: 'Nota' } };

describe('Web API: webhook subscriptions', () => {
  it('creates, reads, rotates, lists deliveries and deletes; audited without secrets', async () => {
    const created = await bed.call<{ id: string; secret: string }>('POST', '/v1/webhooks/subscriptions', {
      token: admin,
      body: { url: 'http://127.0.0.1:9/hook', events: ['clip.ready'], description: 'Monitoreo <b>' },
      headers: { 'idempotency-key': 'sub-1' },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_/);
    const replay = await bed.call<{ id: string }>('POST', '/v1/webhooks/subscriptions', {
      token: admin,
      body: { url: 'http://127.0.0.1:9/hook', events: ['clip.ready'], description: 'Monitoreo <b>' },
      headers: { 'idempotency-key': 'sub-1' },
    });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.body.id, created.body.id, 'the same key creates nothing twice');
    const id = created.body.id;
    const got = await bed.call<Record<string, unknown>>('GET', `/v1/webhooks/subscriptions/${id}`, { token: admin });
    assert.equal(got.body.description, 'Monitoreo <b>');
    assert.equal(got.body.secret, undefined);
    const list = await bed.call<{ items: { id: string }[] }>('GET', '/v1/webhooks/subscriptions', { token: admin });
    assert.deepEqual(
      list.body.items.map((s) => s.id),
      [id],
    );
    const rotated = await bed.call<{ secret: string }>('POST', `/v1/webhooks/subscriptions/${id}/rotate-secret`, { token: admin });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, created.body.secret);
    assert.deepEqual((await bed.call('GET', `/v1/webhooks/subscriptions/${id}/deliveries`, { token: admin })).body, { items: [] });
    assert.equal((await bed.call('DELETE', `/v1/webhooks/subscriptions/${id}`, { token: admin })).status, 204);
    assert.equal((await bed.call('GET', `/v1/webhooks/subscriptions/${id}`, { token: admin })).body.code, 'NotFound');
    const audit = await bed.call<{ items: { action: string; targetSubscriptionId?: string }[] }>('GET', '/v1/audit?limit=100', { token: admin });
    assert.deepEqual(
      audit.body.items.filter((e) => e.targetSubscriptionId === id).map((e) => e.action),
      ['webhook.create', 'webhook.rotate-secret', 'webhook.delete'],
    );
    const text = JSON.stringify(audit.body);
    for (const secret of [created.body.secret, rotated.body.secret]) assert.ok(!text.includes(secret), 'no secret in the audit log');
  });

  it('answers bad input, unknown ids and missing scopes as problems, changing nothing', async () => {
    const bad = await bed.call<{ code: string; errors: { pointer: string }[] }>('POST', '/v1/webhooks/subscriptions', {
      token: admin,
      body: { url: 'ftp://example.com/', events: ['clip.sideways'], extra: 1 },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'InvalidRequest');
    assert.ok(bad.body.errors.length >= 2);
    const missing = `sub_${'0'.repeat(32)}`;
    for (const [method, path] of [
      ['GET', `/v1/webhooks/subscriptions/${missing}`],
      ['DELETE', `/v1/webhooks/subscriptions/${missing}`],
      ['POST', `/v1/webhooks/subscriptions/${missing}/rotate-secret`],
      ['GET', `/v1/webhooks/subscriptions/${missing}/deliveries`],
    ] as const)
      assert.equal((await bed.call(method, path, { token: admin })).body.code, 'NotFound', `${method} ${path}`);
    const uploader = await bed.login('uploader');
    assert.equal((await bed.call('GET', '/v1/webhooks/subscriptions', { token: uploader })).body.code, 'InsufficientScope');
    assert.deepEqual((await bed.call('GET', '/v1/webhooks/subscriptions', { token: admin })).body, { items: [] });
  });
});

describe('Web API: uploads', () => {
  it('creates with part URLs, hands out more, aborts (twice), and refuses what the state forbids', async () => {
    const uploader = await bed.login('uploader');
    const created = await bed.call<{ uploadId: string; partCount: number; parts: { url: string }[] }>('POST', '/v1/uploads', {
      token: uploader,
      body: upload,
      headers: { 'idempotency-key': 'up-1' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.partCount, 3, '40 MiB in parts of 16 MiB');
    assert.ok(created.body.parts.every((p) => p.url.startsWith(bed.standIn.urls.s3)));
    const id = created.body.uploadId;
    const again = await bed.call<{ uploadId: string }>('POST', '/v1/uploads', {
      token: uploader,
      body: upload,
      headers: { 'idempotency-key': 'up-1' },
    });
    assert.equal(again.body.uploadId, id, 'a retried create opens no second upload');
    const reused = await bed.call('POST', '/v1/uploads', { token: uploader, body: { ...upload, size: 1 }, headers: { 'idempotency-key': 'up-1' } });
    assert.equal(reused.body.code, 'IdempotencyKeyReused');

    const more = await bed.call<{ parts: { partNumber: number }[] }>('POST', `/v1/uploads/${id}/parts`, {
      token: uploader,
      body: { partNumbers: [3] },
    });
    assert.deepEqual(
      more.body.parts.map((p) => p.partNumber),
      [3],
    );
    const parts = [1, 2, 3].map((partNumber) => ({ partNumber, etag: '"x"' }));
    const incomplete = await bed.call('POST', `/v1/uploads/${id}/complete`, { token: uploader, body: { parts } });
    assert.equal(incomplete.status, 409);
    assert.equal(incomplete.body.code, 'UploadIncomplete');
    // Another principal's upload is answered as missing; an admin is another principal.
    assert.equal((await bed.call('POST', `/v1/uploads/${id}/abort`, { token: admin })).body.code, 'NotFound');
    for (let i = 0; i < 2; i++)
      assert.deepEqual((await bed.call('POST', `/v1/uploads/${id}/abort`, { token: uploader })).body, { uploadId: id, state: 'aborted' });
    const after = await bed.call('POST', `/v1/uploads/${id}/parts`, { token: uploader, body: { partNumbers: [1] } });
    assert.equal(after.body.code, 'UploadAborted');
  });

  it('refuses bad declarations and callers without uploads:write', async () => {
    const uploader = await bed.login('uploader');
    const bad = await bed.call<{ code: string }>('POST', '/v1/uploads', {
      token: uploader,
      body: { ...upload, size: -1, sha256: 'nope', contentType: 'text/html' },
    });
    assert.equal(bad.body.code, 'InvalidRequest');
    const viewer = await bed.login('viewer');
    assert.equal((await bed.call('POST', '/v1/uploads', { token: viewer, body: upload })).body.code, 'InsufficientScope');
    const missing = await bed.call('POST', `/v1/uploads/${'0'.repeat(32)}/complete`, {
      token: uploader,
      body: { parts: [{ partNumber: 1, etag: '"x"' }] },
    });
    assert.equal(missing.body.code, 'NotFound');
  });
});
