/**
 * Two-person publication in sensitive periods, end to end on the stand-in with a controllable clock:
 * requests instead of actions during a period, approval by a different admin only (two tokens of one
 * person are one person), replays refused, a period's boundaries, audit entries, and a publish racing
 * an embargo change serialized by If-Match.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { manualClock, type ManualClock } from '../../../core/publication/clock.ts';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import { codeOf } from '../stand-in/helpers.ts';

type Req = { id: string; action: string; clipId: string; status: string; requestedBy: { sub: string }; decidedBy?: { sub: string } };
type Audit = { items: Array<{ action: string; actor: { sub: string }; targetRequestId?: string; clipId?: string }> };
type Detail = { etag: string; record: { published: boolean; metadata: Record<string, unknown> } };

const MIN = 60_000;

describe('Web API: sensitive periods and two-person publication', () => {
  let bed: ApiTestBed;
  let clock: ManualClock;
  let admin: string;
  let adminAgain: string;
  let supervisor: string;
  let t0: number;
  let periodId: string;
  before(async () => {
    // Tokens are checked against the API's clock: moves stay within their 15 minutes.
    t0 = Date.now();
    clock = manualClock(t0);
    bed = await apiTestBed({ clock });
    admin = await bed.login('admin');
    adminAgain = await bed.login('admin');
    supervisor = await bed.login('supervisor');
  });
  after(() => bed.cleanup());

  it('periods: validated, created by admins only, listed with the one in progress marked', async () => {
    const viewer = await bed.login('viewer');
    const start = new Date(t0 + 2 * MIN).toISOString();
    const end = new Date(t0 + 6 * MIN).toISOString();
    assert.equal((await bed.call('POST', '/v1/sensitive-periods', { token: viewer, body: { label: 'x', start, end } })).status, 403);
    const backwards = await bed.call('POST', '/v1/sensitive-periods', { token: admin, body: { label: 'Veda', start: end, end: start } });
    assert.equal(backwards.status, 400);
    const made = await bed.call<{ id: string; active: boolean }>('POST', '/v1/sensitive-periods', {
      token: admin,
      body: { label: 'Veda electoral', start, end },
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.active, false);
    periodId = made.body.id;
    const list = await bed.call<{ items: Array<{ id: string; label: string }> }>('GET', '/v1/sensitive-periods', { token: supervisor });
    assert.deepEqual(
      list.body.items.map((p) => p.label),
      ['Veda electoral'],
    );
  });

  it('before the period: an admin acts alone; at its start: a request (202) and nothing changes', async () => {
    const before = await bed.seedClip({ published: false, metadata: { title: 'Antes de la veda' } });
    assert.equal((await bed.call('POST', `/v1/clips/${before.id}/publish`, { token: admin })).status, 200);

    clock.set(t0 + 2 * MIN); // the period's first instant
    const clip = await bed.seedClip({ published: false, metadata: { title: 'Durante la veda' } });
    const asked = await bed.call<Req>('POST', `/v1/clips/${clip.id}/publish`, { token: admin, body: { reason: 'Aclaración oficial' } });
    assert.equal(asked.status, 202);
    assert.equal(asked.body.status, 'pending');
    assert.equal(asked.body.requestedBy.sub, 'admin');
    assert.match(asked.headers.get('location')!, new RegExp(`/v1/publication-requests/${asked.body.id}$`));
    const still = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(still.body.record.published, false, 'a request changes nothing');
    // Asking again for the same thing answers the same request.
    const again = await bed.call<Req>('POST', `/v1/clips/${clip.id}/publish`, { token: adminAgain });
    assert.equal(again.body.id, asked.body.id);
    const pending = await bed.call<{ items: Array<{ request: Req; etag: string }> }>('GET', '/v1/publication-requests', { token: supervisor });
    assert.deepEqual(
      pending.body.items.map((i) => i.request.id),
      [asked.body.id],
    );
  });

  it('the requester cannot approve, even with a second token; a system client cannot either; another admin can, once', async () => {
    const pending = await bed.call<{ items: Array<{ request: Req; etag: string }> }>('GET', '/v1/publication-requests', { token: admin });
    const { request, etag } = pending.body.items[0]!;
    for (const token of [admin, adminAgain]) {
      const self = await bed.call('POST', `/v1/publication-requests/${request.id}/approve`, { token, headers: { 'if-match': etag } });
      assert.equal(self.status, 403);
      assert.equal(self.body.code, 'ApprovalRefused');
    }
    // A system client holding the scope is still not a second person.
    const client = await bed.call<{ client: { clientId: string }; clientSecret: string }>('POST', '/v1/clients', {
      token: supervisor,
      body: { name: 'Robot', role: 'admin', scopes: ['publication:approve'] },
    });
    const issued = await fetch(`${bed.standIn.config.authUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.body.client.clientId}:${client.body.clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    const robot = ((await issued.json()) as { access_token: string }).access_token;
    const bySystem = await bed.call('POST', `/v1/publication-requests/${request.id}/approve`, { token: robot, headers: { 'if-match': etag } });
    assert.equal(bySystem.status, 403);
    assert.equal(bySystem.body.code, 'ApprovalRefused');
    const noVersion = await bed.call('POST', `/v1/publication-requests/${request.id}/approve`, { token: supervisor });
    assert.equal(noVersion.status, 428);
    const wrongVersion = await bed.call('POST', `/v1/publication-requests/${request.id}/approve`, {
      token: supervisor,
      headers: { 'if-match': '"0"' },
    });
    assert.equal(wrongVersion.status, 412);

    const approved = await bed.call<{ request: Req; clip: Detail }>('POST', `/v1/publication-requests/${request.id}/approve`, {
      token: supervisor,
      headers: { 'if-match': etag },
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.request.status, 'approved');
    assert.equal(approved.body.request.decidedBy!.sub, 'supervisor');
    assert.equal(approved.body.clip.record.published, true);

    // Replayed (same version, same or another token): refused, nothing acts twice.
    const replay = await bed.call<{ code: string; currentRequest: Req }>('POST', `/v1/publication-requests/${request.id}/approve`, {
      token: supervisor,
      headers: { 'if-match': etag },
    });
    assert.equal(replay.status, 409);
    assert.equal(replay.body.code, 'RequestDecided');
    assert.equal(replay.body.currentRequest.status, 'approved');
    const forged = await bed.call('POST', '/v1/publication-requests/0123456789abcdef0123456789abcdef/approve', {
      token: supervisor,
      headers: { 'if-match': etag },
    });
    assert.equal(forged.status, 404);
    assert.equal((await bed.call<{ items: unknown[] }>('GET', '/v1/publication-requests', { token: admin })).body.items.length, 0);

    const audit = await bed.call<Audit>('GET', `/v1/audit?clipId=${request.clipId}`, { token: supervisor });
    assert.deepEqual(
      audit.body.items.map((e) => [e.action, e.actor.sub]),
      [
        ['approval.request', 'admin'],
        ['approval.approve', 'supervisor'],
        ['clip.publish', 'supervisor'],
      ],
    );
    assert.equal(audit.body.items[0]!.targetRequestId, request.id);
  });

  it('two approvals racing act once', async () => {
    const clip = await bed.seedClip({ published: true, metadata: { title: 'Carrera de aprobaciones' } });
    const asked = await bed.call<Req>('POST', `/v1/clips/${clip.id}/unpublish`, { token: supervisor });
    assert.equal(asked.status, 202);
    const etag = asked.headers.get('etag')!;
    const [a, b] = await Promise.all(
      [admin, adminAgain].map((token) =>
        bed.call('POST', `/v1/publication-requests/${asked.body.id}/approve`, { token, headers: { 'if-match': etag } }),
      ),
    );
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const audit = await bed.call<Audit>('GET', `/v1/audit?clipId=${clip.id}`, { token: admin });
    assert.equal(audit.body.items.filter((e) => e.action === 'clip.unpublish').length, 1);
  });

  it('a delete request, rejected by another admin, deletes nothing; a started period cannot be removed', async () => {
    const clip = await bed.seedClip({ published: true, metadata: { title: 'No borrar' } });
    const asked = await bed.call<Req>('DELETE', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(asked.status, 202);
    const selfReject = await bed.call('POST', `/v1/publication-requests/${asked.body.id}/reject`, {
      token: adminAgain,
      headers: { 'if-match': asked.headers.get('etag')! },
    });
    assert.equal(selfReject.status, 403);
    const rejected = await bed.call<{ request: Req }>('POST', `/v1/publication-requests/${asked.body.id}/reject`, {
      token: supervisor,
      headers: { 'if-match': asked.headers.get('etag')! },
    });
    assert.equal(rejected.body.request.status, 'rejected');
    assert.equal(await codeOf(bed.s3.send(new HeadObjectCommand({ Bucket: bed.standIn.config.bucket, Key: `media/${clip.id}/video.json` }))), 'OK');
    const removal = await bed.call('DELETE', `/v1/sensitive-periods/${periodId}`, { token: admin });
    assert.equal(removal.status, 409);
    assert.equal(removal.body.code, 'SensitivePeriodActive');
  });

  it('an approval acts on the version asked about: an embargo changed since fails it, and the request says so', async () => {
    const clip = await bed.seedClip({ published: false, metadata: { title: 'Embargo cambiado' } });
    const asked = await bed.call<Req>('POST', `/v1/clips/${clip.id}/publish`, { token: admin });
    const read = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const patched = await bed.call('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      headers: { 'if-match': read.body.etag },
      body: { publishAt: new Date(t0 + 24 * 60 * MIN).toISOString() },
    });
    assert.equal(patched.status, 200);
    const approve = await bed.call('POST', `/v1/publication-requests/${asked.body.id}/approve`, {
      token: supervisor,
      headers: { 'if-match': asked.headers.get('etag')! },
    });
    assert.equal(approve.status, 412);
    const after = await bed.call<Req & { failure?: string }>('GET', `/v1/publication-requests/${asked.body.id}`, { token: admin });
    assert.equal(after.body.status, 'failed');
    assert.ok(after.body.failure);
    assert.equal((await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin })).body.record.published, false);
  });

  it('during the period a published clip’s window cannot be moved by an edit (that would publish alone)', async () => {
    const clip = await bed.seedClip({ published: true, metadata: { title: 'Ventana fija', publishAt: new Date(t0 + 60 * MIN).toISOString() } });
    const read = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const moved = await bed.call('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      headers: { 'if-match': read.body.etag },
      body: { publishAt: null },
    });
    assert.equal(moved.status, 409);
    assert.equal(moved.body.code, 'SensitivePeriodActive');
    const retitled = await bed.call('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      headers: { 'if-match': read.body.etag },
      body: { title: 'Otro' },
    });
    assert.equal(retitled.status, 200, 'other fields stay editable');
  });

  it('at the period’s end (exclusive) an admin acts alone again; an ended period may be removed', async () => {
    clock.set(t0 + 6 * MIN);
    const clip = await bed.seedClip({ published: false, metadata: { title: 'Después de la veda' } });
    assert.equal((await bed.call('POST', `/v1/clips/${clip.id}/publish`, { token: admin })).status, 200);
    assert.equal((await bed.call('DELETE', `/v1/sensitive-periods/${periodId}`, { token: admin })).status, 204);
    const audit = await bed.call<Audit>('GET', '/v1/audit?limit=100', { token: admin });
    assert.deepEqual(
      audit.body.items.filter((e) => e.action.startsWith('period.')).map((e) => e.action),
      ['period.create', 'period.delete'],
    );
  });
});

describe('Web API: a publish racing an embargo change', () => {
  let bed: ApiTestBed;
  let admin: string;
  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
  });
  after(() => bed.cleanup());

  it('serialized by If-Match: of two changes made on one version, one lands and the other gets 412 with the clip as it is', async () => {
    const clip = await bed.seedClip({ published: false, metadata: { title: 'Carrera de embargo' } });
    const read = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const embargo = new Date(Date.now() + 3600_000).toISOString();
    const [publish, patch] = await Promise.all([
      bed.call<Detail>('POST', `/v1/clips/${clip.id}/publish`, { token: admin, headers: { 'if-match': read.body.etag } }),
      bed.call<Detail>('PATCH', `/v1/clips/${clip.id}`, { token: admin, headers: { 'if-match': read.body.etag }, body: { publishAt: embargo } }),
    ]);
    assert.deepEqual([publish.status, patch.status].sort(), [200, 412]);
    const now = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    // Exactly the winner's change is in the record; the loser changed nothing.
    assert.equal(now.body.record.published, publish.status === 200);
    assert.equal(now.body.record.metadata.publishAt === undefined, patch.status !== 200);
  });

  it('an embargo must end after it starts', async () => {
    const clip = await bed.seedClip({ published: false, metadata: { title: 'Ventana al revés' } });
    const read = await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin });
    const bad = await bed.call<{ errors: Array<{ key: string }> }>('PATCH', `/v1/clips/${clip.id}`, {
      token: admin,
      headers: { 'if-match': read.body.etag },
      body: { publishAt: '2030-01-02T00:00:00Z', unpublishAt: '2030-01-01T00:00:00Z' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0]!.key, 'invalid.order');
  });
});
