/** The Lambda adapter (API Gateway HTTP API, payload 2.0) runs the same handlers against the same bucket. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiTestBed, checkAgainstOpenApi, type ApiTestBed } from './helpers.ts';
import { handler, requestFromEvent } from '../../../infra/api/lambda.ts';

describe('Web API on Lambda (adapter)', () => {
  let bed: ApiTestBed;
  const saved = { ...process.env };
  before(async () => {
    bed = await apiTestBed();
    Object.assign(process.env, {
      INE_MEDIA_BUCKET: bed.standIn.config.bucket,
      INE_API_JWKS_URL: `${bed.standIn.config.authUrl}/.well-known/jwks.json`,
      INE_API_ISSUER: bed.standIn.config.authUrl,
      INE_API_CURSOR_SECRET: Buffer.alloc(32, 7).toString('base64url'),
      INE_CDN_BASE_URL: bed.standIn.urls.cdn,
      // The function's role on AWS; the stand-in's service keys here.
      AWS_REGION: bed.standIn.config.region,
      AWS_ENDPOINT_URL_S3: bed.standIn.urls.s3,
      AWS_ACCESS_KEY_ID: bed.standIn.staticCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: bed.standIn.staticCredentials.secretAccessKey,
    });
  });
  after(async () => {
    process.env = saved;
    await bed.cleanup();
  });

  it('maps the event (stage prefix, base64 body, query) to the plain request', () => {
    const req = requestFromEvent({
      rawPath: '/prod/v1/clips/abc',
      rawQueryString: 'q=a%20b&limit=2',
      headers: { Authorization: 'Bearer x' },
      body: Buffer.from('{"title":"t"}').toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'PATCH', sourceIp: '10.0.0.1' } },
    });
    assert.deepEqual(req, {
      method: 'PATCH',
      path: '/v1/clips/abc',
      headers: { authorization: 'Bearer x' },
      query: { q: 'a b', limit: '2' },
      body: '{"title":"t"}',
      clientIp: '10.0.0.1',
    });
  });

  it('answers a list and a publish exactly as the stand-in does', async () => {
    const admin = await bed.login('admin');
    const clip = await bed.seedClip();
    const event = (method: string, rawPath: string, rawQueryString = '', headers: Record<string, string> = {}) => ({
      rawPath,
      rawQueryString,
      headers: { authorization: `Bearer ${admin}`, ...headers },
      requestContext: { http: { method } },
    });
    const pub = await handler(event('POST', `/v1/clips/${clip.id}/publish`, '', { 'Idempotency-Key': 'lambda-1' }));
    assert.equal(pub.statusCode, 200, pub.body);
    // Idempotency keys live in the bucket here (any instance replays them).
    const replay = await handler(event('POST', `/v1/clips/${clip.id}/publish`, '', { 'Idempotency-Key': 'lambda-1' }));
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, pub.body);
    checkAgainstOpenApi('POST', `/v1/clips/${clip.id}/publish`, 200, pub.headers['content-type']!, JSON.parse(pub.body));
    const list = await handler(event('GET', '/v1/clips', `q=${encodeURIComponent(clip.metadata.title)}`));
    assert.equal(list.statusCode, 200, list.body);
    assert.ok((JSON.parse(list.body) as { items: Array<{ id: string }> }).items.some((i) => i.id === clip.id));
    const viaStandIn = await bed.call<{ record: { published: boolean } }>('GET', `/v1/clips/${clip.id}`, { token: admin });
    assert.equal(viaStandIn.body.record.published, true);
  });
});
