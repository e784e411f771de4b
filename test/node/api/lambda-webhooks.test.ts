/**
 * Webhooks through the Web API's Lambda adapter (infra/api/lambda.ts) as deployed with the webhook
 * queue: the subscription routes answer (no 503), keep subscriptions in the bucket as the stand-in
 * does, refuse private targets (AWS), and a publish puts the event on the queue, which the delivery
 * Lambda fans out. The real AWS SDK talks to the stand-in's S3 and, since SQS cannot run here, to
 * an in-memory queue that stands in for it over the SDK's own protocol (test/node/infra/memory-sqs.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { s3SubscriptionStore, type PendingDelivery } from '../../../core/events/index.ts';
import { handler } from '../../../infra/api/lambda.ts';
import { createDeliveryHandler } from '../../../infra/webhooks/delivery-lambda.ts';
import { MemorySqs } from '../infra/memory-sqs.ts';
import { apiTestBed, checkAgainstOpenApi, type ApiTestBed } from './helpers.ts';

/** The fields of the answers this test reads. */
interface Body {
  id: string;
  secret: string;
  items: { id: string }[];
}

describe('Web API on Lambda: webhooks', () => {
  let bed: ApiTestBed;
  let sqs: MemorySqs;
  let endpoint: { url: string; close(): Promise<void> };
  let admin: string;
  const saved = { ...process.env };
  before(async () => {
    // The stand-in runs no dispatcher here: whatever answers the routes is the Lambda's own wiring.
    bed = await apiTestBed({ packager: false, webhooks: false });
    sqs = new MemorySqs(Date.now(), { visibilityTimeoutSeconds: 180, maxReceiveCount: 5, batchSize: 4 });
    endpoint = await sqs.listen();
    Object.assign(process.env, {
      INE_MEDIA_BUCKET: bed.standIn.config.bucket,
      INE_API_JWKS_URL: `${bed.standIn.config.authUrl}/.well-known/jwks.json`,
      INE_API_ISSUER: bed.standIn.config.authUrl,
      INE_API_CURSOR_SECRET: Buffer.alloc(32, 7).toString('base64url'),
      INE_CDN_BASE_URL: bed.standIn.urls.cdn,
      INE_WEBHOOK_QUEUE_URL: sqs.queueUrl,
      AWS_REGION: bed.standIn.config.region,
      AWS_ENDPOINT_URL_S3: bed.standIn.urls.s3,
      AWS_ENDPOINT_URL_SQS: endpoint.url,
      AWS_ACCESS_KEY_ID: bed.standIn.staticCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: bed.standIn.staticCredentials.secretAccessKey,
    });
    admin = await bed.login('admin');
  });
  after(async () => {
    process.env = saved;
    await endpoint?.close();
    await bed?.cleanup();
  });

  const call = async (method: string, rawPath: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await handler({
      rawPath,
      headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      requestContext: { http: { method } },
    });
    const parsed = res.body ? (JSON.parse(res.body) as Body) : undefined;
    checkAgainstOpenApi(method, rawPath, res.statusCode, res.headers['content-type'] ?? '', parsed);
    return { status: res.statusCode, body: parsed! };
  };

  it('serves the subscription routes from the bucket, as the stand-in stores them; private targets are refused', async () => {
    const created = await call(
      'POST',
      '/v1/webhooks/subscriptions',
      { url: 'https://hooks.example.com/ine', events: ['clip.published', 'clip.deleted'], description: 'Monitoreo' },
      { 'idempotency-key': 'aws-sub-1' },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^whsec_/);
    const stored = await s3SubscriptionStore(bed.s3, bed.standIn.config.bucket).get(created.body.id);
    assert.equal(stored?.url, 'https://hooks.example.com/ine', 'the same object the stand-in reads');
    assert.equal(stored?.secret, created.body.secret);

    const list = await call('GET', '/v1/webhooks/subscriptions');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((s) => s.id),
      [created.body.id],
    );
    assert.deepEqual((await call('GET', `/v1/webhooks/subscriptions/${created.body.id}/deliveries`)).body, { items: [] });

    const local = await call(
      'POST',
      '/v1/webhooks/subscriptions',
      { url: 'http://127.0.0.1:9/hook', events: ['clip.ready'] },
      { 'idempotency-key': 'aws-sub-2' },
    );
    assert.equal(local.status, 400);
    assert.match(JSON.stringify(local.body), /private network/);
    assert.equal((await call('GET', '/v1/webhooks/subscriptions')).body.items.length, 1, 'nothing stored for the refused one');
  });

  it('a publish puts one fan-out message on the queue; the delivery Lambda turns it into one delivery per matching subscription', async () => {
    const sub = (await call('GET', '/v1/webhooks/subscriptions')).body.items[0]!;
    const clip = await bed.seedClip();
    const before = sqs.messages.length;
    const pub = await call('POST', `/v1/clips/${clip.id}/publish`, undefined, { 'idempotency-key': 'aws-pub-1' });
    assert.equal(pub.status, 200, JSON.stringify(pub.body));
    assert.equal(sqs.messages.length, before + 1);
    const fanOut = JSON.parse(sqs.messages.at(-1)!.body) as PendingDelivery;
    assert.equal(fanOut.subscriptionId, '*');
    assert.equal(fanOut.eventType, 'clip.published');
    assert.deepEqual(JSON.parse(fanOut.body).data, { clipId: clip.id });
    assert.equal(sqs.sent.at(-1)!.delaySeconds, 0);

    const deliver = createDeliveryHandler({
      s3: bed.s3,
      bucket: bed.standIn.config.bucket,
      sqs,
      queueUrl: sqs.queueUrl,
      now: () => sqs.now,
      log: () => {},
    });
    sqs.now = Date.now(); // the queue's clock is the Lambdas' here
    const batch = sqs.receive();
    const answer = await deliver(batch);
    sqs.settle(batch, answer);
    assert.deepEqual(answer.batchItemFailures, []);
    const deliveries = sqs.messages.map((m) => JSON.parse(m.body) as PendingDelivery);
    assert.deepEqual(
      deliveries.map((d) => [d.subscriptionId, d.target, d.eventId, d.attempts]),
      [[sub.id, 'https://hooks.example.com', fanOut.eventId, 0]],
    );
    assert.equal((await call('DELETE', `/v1/webhooks/subscriptions/${sub.id}`)).status, 204);
  });
});
