/**
 * The typed client (src/api/client.ts) against the stand-in's API: generated from the document (and
 * fresh), list → get → edit with If-Match → conflict as an ApiProblem with the current version →
 * publish (an Idempotency-Key sent and reused by a retry), retries of 429 after Retry-After.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ApiProblem, createApiClient, expandPath, retryAfterMs, type ApiClient } from '../../../src/api/client.ts';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

let bed: ApiTestBed;
let api: ApiClient;
let token: string;
before(async () => {
  bed = await apiTestBed();
  token = await bed.login('admin');
  api = createApiClient({ baseUrl: bed.standIn.urls.api.replace(/\/v1$/, ''), accessToken: () => token });
});
after(() => bed.cleanup());

describe('the typed API client', () => {
  it('is generated from schemas/openapi.json and fresh', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-api-client.ts', '--check'], {
      cwd: new URL('../../..', import.meta.url).pathname,
      stdio: 'pipe',
    });
  });

  it('lists, reads, edits with the ETag and publishes a clip', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Debate en Oaxaca' } });
    const { data: page } = await api.call('listClips', { query: { q: 'oaxaca' } });
    assert.ok(page.items.some((e) => e.id === clip.id));
    const got = await api.call('getClip', { path: { id: clip.id } });
    assert.equal(got.data.record.metadata.title, 'Debate en Oaxaca');
    assert.ok(got.etag);
    const edited = await api.call('updateClip', {
      path: { id: clip.id },
      headers: { 'If-Match': got.etag! },
      body: { title: 'Debate en Oaxaca (completo)' },
    });
    assert.equal(edited.data.record.metadata.title, 'Debate en Oaxaca (completo)');
    assert.notEqual(edited.etag, got.etag);

    // The old ETag is a conflict: the problem carries the clip as it is now.
    const conflict = await api.call('updateClip', { path: { id: clip.id }, headers: { 'If-Match': got.etag! }, body: { title: 'Otro' } }).then(
      () => assert.fail('a stale ETag must be refused'),
      (e: unknown) => e,
    );
    assert.ok(conflict instanceof ApiProblem);
    assert.equal(conflict.status, 412);
    assert.equal(conflict.code, 'PreconditionFailed');
    assert.equal(conflict.problem?.current?.record.metadata.title, 'Debate en Oaxaca (completo)');

    const published = await api.call('publishClip', {
      path: { id: clip.id },
      headers: { 'If-Match': edited.etag! },
      idempotencyKey: `pub-${clip.id}`,
    });
    assert.equal(published.data.record.published, true);
    // The same key again is the stored answer, not a second publication.
    const replay = await api.call('publishClip', { path: { id: clip.id }, headers: { 'If-Match': edited.etag! }, idempotencyKey: `pub-${clip.id}` });
    assert.deepEqual(replay.data, published.data);
  });

  it('a refusal without a token is an ApiProblem with the stable code', async () => {
    const anonymous = createApiClient({ baseUrl: bed.standIn.urls.api.replace(/\/v1$/, '') });
    await assert.rejects(anonymous.call('listClips'), (e: unknown) => e instanceof ApiProblem && e.status === 401 && e.code === 'TokenMissing');
  });

  it('retries 429 after Retry-After with the same Idempotency-Key, then gives up with the problem', async () => {
    const seen: { key: string | null; at: number }[] = [];
    let answers = 0;
    const fakeFetch: typeof fetch = async (_url, init) => {
      seen.push({ key: new Headers(init?.headers).get('Idempotency-Key'), at: Date.now() });
      answers++;
      const problem = { type: 'about:blank', title: 'x', status: 429, detail: 'slow down', code: 'RateLimited', instance: '/v1/clips/a/publish' };
      if (answers <= 2)
        return new Response(JSON.stringify(problem), { status: 429, headers: { 'Retry-After': '0', 'Content-Type': 'application/problem+json' } });
      return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    // A fake transport here only to script the 429s; the real API's 429 is tested in guards.test.ts.
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:1/api', fetch: fakeFetch });
    await client.call('publishClip', { path: { id: 'a'.repeat(32) }, headers: { 'If-Match': '"x"' } });
    assert.equal(seen.length, 3);
    assert.ok(seen[0]!.key && seen.every((s) => s.key === seen[0]!.key), 'one key for the call and its retries');

    answers = -10;
    const limited = createApiClient({ baseUrl: 'http://127.0.0.1:1/api', fetch: fakeFetch, retries: 1 });
    await assert.rejects(limited.call('listClips'), (e: unknown) => e instanceof ApiProblem && e.code === 'RateLimited');
  });

  it('fills path templates safely and reads Retry-After in seconds or as a date', () => {
    assert.equal(expandPath('/v1/clips/{id}/publish', { id: 'a/b?c' }), '/v1/clips/a%2Fb%3Fc/publish');
    assert.throws(() => expandPath('/v1/clips/{id}', {}), /id/);
    assert.equal(retryAfterMs('3'), 3000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(retryAfterMs('soon'), undefined);
  });
});
