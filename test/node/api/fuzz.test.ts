/**
 * A schema-driven fuzz pass: a few hundred generated requests, valid and invalid, against the stand-in.
 * None may answer 5xx, every answer must match the OpenAPI document, and a refused request must leave
 * the bucket exactly as it was.
 */
import { LEASE_KEY_OUTSIDE } from '../../../core/audit/entry.ts';
import { DELIVERY_LOG_PREFIX } from '../../../core/events/delivery-log.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CLIP_FIELDS } from '../../../src/contract/clip-fields.ts';
import { MEXICAN_STATES } from '../../../src/contract/mexican-states.ts';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

describe('Web API: fuzz', () => {
  let bed: ApiTestBed;
  let admin: string;
  let viewer: string;
  let clipIds: string[];
  before(async () => {
    bed = await apiTestBed({ apiLimits: { requestsPerSecond: 0 } });
    admin = await bed.login('admin');
    viewer = await bed.login('viewer');
    clipIds = [];
    for (let i = 0; i < 3; i++) clipIds.push((await bed.seedClip({ published: i === 0 })).id);
  });
  after(() => bed.cleanup());

  // The catalog's fragments (catalog/, index/) are derived from the records by the indexer, in the
  // background, after earlier accepted requests: the records, the audit log, the uploads and the API's
  // own state are what a refusal must leave alone.
  const SOURCES_OF_TRUTH = ['media/', 'audit/', 'api/', 'uploads/'];
  // Bookkeeping, not state, written on their own timers whatever this request does: the audit
  // sequencer's lease (renewed and released after an earlier accepted change's entry is written; the seal
  // timer takes it) and the webhook delivery log (the dispatcher's retries of earlier accepted events).
  const BOOKKEEPING = (key: string) => key === LEASE_KEY_OUTSIDE || key.startsWith(DELIVERY_LOG_PREFIX);
  async function snapshot(): Promise<string> {
    const out: string[] = [];
    for (const prefix of SOURCES_OF_TRUTH) {
      let token: string | undefined;
      do {
        const page = await bed.s3.send(new ListObjectsV2Command({ Bucket: bed.standIn.config.bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (!BOOKKEEPING(o.Key!)) out.push(`${o.Key} ${o.ETag}`);
        token = page.NextContinuationToken;
      } while (token);
    }
    return out.join('\n');
  }

  const text = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.constantFrom('<script>alert(1)</script>', 'ñandú á', '\u0000', ' '));
  const validPatch = fc.record(
    {
      title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
      description: fc.option(text(200), { nil: null }),
      outlet: fc.option(text(50), { nil: null }),
      state: fc.option(fc.constantFrom(...MEXICAN_STATES), { nil: null }),
      tags: fc.option(
        fc.array(
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
          { maxLength: 5 },
        ),
        { nil: null },
      ),
      broadcastAt: fc.option(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        { nil: null },
      ),
    },
    { requiredKeys: [] },
  );
  const fieldNames = [...CLIP_FIELDS.map((f) => f.name), 'published', 'id', '__proto__', 'constructor'];
  const invalidPatch = fc.oneof(
    fc.anything(),
    fc.dictionary(fc.constantFrom(...fieldNames), fc.anything(), { maxKeys: 4 }),
    fc.record({ title: fc.oneof(fc.constant(''), fc.string({ minLength: 501, maxLength: 600 }), fc.integer()) }),
    fc.record({ tags: fc.array(fc.string({ maxLength: 200 }), { minLength: 51, maxLength: 60 }) }),
  );
  const listQuery = fc.dictionary(
    fc.constantFrom('q', 'outlet', 'state', 'tag', 'actor', 'from', 'to', 'status', 'sort', 'limit', 'cursor', 'colour'),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('draft', 'title', '2024-01-01', '0', '101', '5', 'date-asc', 'x'.repeat(300))),
    { maxKeys: 4 },
  );

  const validSubscription = fc.record(
    {
      url: fc.constantFrom('http://127.0.0.1:9/hook', 'https://example.com/ine', 'http://localhost:9/'),
      events: fc.uniqueArray(fc.constantFrom('clip.ready', 'clip.failed', 'clip.published', 'clip.unpublished', 'clip.deleted'), {
        minLength: 1,
        maxLength: 5,
      }),
      description: text(100),
    },
    { requiredKeys: ['url', 'events'] },
  );
  const invalidSubscription = fc.oneof(
    fc.anything(),
    fc.record({
      url: fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('ftp://x/', 'javascript:alert(1)', `https://x/${'a'.repeat(3000)}`)),
      events: fc.anything(),
    }),
    fc.record({ url: fc.constant('https://example.com/'), events: fc.array(fc.string({ maxLength: 20 }), { maxLength: 7 }) }),
  );
  const validUpload = fc.record({
    fileName: fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => ![...s].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)),
    size: fc.integer({ min: 1, max: 200 * 1024 * 1024 }),
    sha256: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
    contentType: fc.constantFrom('video/mp4', 'video/quicktime'),
    metadata: fc.record({ title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0) }),
  });
  const invalidUpload = fc.oneof(
    fc.anything(),
    validUpload.chain((u) =>
      fc.constantFrom<Record<string, unknown>>(
        { ...u, size: 0 },
        { ...u, size: 1e15 },
        { ...u, sha256: 'xyz' },
        { ...u, contentType: 'text/html' },
        { ...u, fileName: '../etc/passwd' },
        { ...u, metadata: { title: '' } },
        { ...u, extra: true },
      ),
    ),
  );

  async function check(method: string, path: string, opts: Parameters<ApiTestBed['call']>[2]): Promise<void> {
    // The indexer applies an earlier accepted change in the background (catalog, uploader status):
    // wait for it, so what the snapshot compares is this request's doing only.
    await bed.standIn.indexed();
    const before = await snapshot();
    const res = await bed.call(method, path, opts);
    assert.ok(res.status < 500, `${method} ${path} ${JSON.stringify(opts?.body ?? opts?.raw)} → ${res.status} ${JSON.stringify(res.body)}`);
    await bed.standIn.indexed();
    if (res.status >= 400) assert.equal(await snapshot(), before, `${method} ${path} was refused (${res.status}) but changed the bucket`);
  }

  it('PATCH: 150 valid and invalid bodies; no 5xx, refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(validPatch, invalidPatch), fc.constantFrom(...[0, 1, 2]), async (body, i) => {
        await check('PATCH', `/v1/clips/${clipIds[i]}`, { token: admin, body, headers: { 'if-match': '*' } });
      }),
      { numRuns: 150 },
    );
  });

  it('GET /v1/clips: 100 generated queries; no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(listQuery, fc.boolean(), async (q, asAdmin) => {
        await check('GET', `/v1/clips?${new URLSearchParams(q)}`, { token: asAdmin ? admin : viewer });
      }),
      { numRuns: 100 },
    );
  });

  it('POST /v1/webhooks/subscriptions and /v1/uploads: 100 valid and invalid bodies; no 5xx, refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.oneof(validSubscription, invalidSubscription).map((body) => ['/v1/webhooks/subscriptions', body] as const),
          fc.oneof(validUpload, invalidUpload).map((body) => ['/v1/uploads', body] as const),
        ),
        async ([path, body]) => {
          await check('POST', path, { token: admin, body });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('raw bodies, methods and paths: 100 generated requests; no 5xx, refusals change nothing', async () => {
    const path = fc.oneof(
      fc.constantFrom(
        '/v1/clips',
        '/v1/clients',
        '/v1/audit',
        '/v1/uploads',
        `/v1/uploads/${'0'.repeat(32)}/complete`,
        '/v1/webhooks/subscriptions',
        `/v1/webhooks/subscriptions/sub_${'0'.repeat(32)}/rotate-secret`,
        ...clipIds.flatMap((id) => [`/v1/clips/${id}`, `/v1/clips/${id}/publish`, `/v1/clips/${id}/history`]),
      ),
      fc.string({ maxLength: 30 }).map((s) => `/v1/${encodeURIComponent(s)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
        path,
        fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 12 })),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
        fc.boolean(),
        async (method, p, raw, type, asViewer) => {
          // Deletes only by the viewer (refused): the clips must stay for the other runs.
          const token = method === 'DELETE' || asViewer ? viewer : admin;
          await check(method, p, {
            token,
            ...(method === 'GET' || method === 'DELETE' ? {} : { raw, headers: { 'content-type': type, 'if-match': '*' } }),
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
