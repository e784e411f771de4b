/**
 * The webhook and upload schemas the API router attaches to its routes: valid in an OpenAPI 3.1
 * document (checked by an independent validator), and in agreement with the domain's own input
 * checks on a few thousand generated bodies: whatever the schema accepts the domain accepts, whatever
 * the domain accepts the schema accepts, and nothing but the domain's documented error escapes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import * as events from '../../../core/events/index.ts';
import * as uploads from '../../../core/uploads/index.ts';
import { parseSubscriptionInput } from '../../../core/events/subscription-input.ts';
import { parseCreateUpload } from '../../../core/uploads/upload-input.ts';
import { CLIP_EVENT_TYPES } from '../../../core/events/index.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

const schemas: Record<string, object> = {
  WebhookEvent: events.webhookEventSchema,
  CreateSubscriptionRequest: events.createSubscriptionRequestSchema,
  Subscription: events.subscriptionSchema,
  CreatedSubscription: events.createdSubscriptionSchema,
  SubscriptionList: events.subscriptionListSchema,
  RotatedSecret: events.rotatedSecretSchema,
  DeliveryLog: events.deliveryLogSchema,
  CreateUploadRequest: uploads.createUploadRequestSchema,
  CreatedUpload: uploads.createdUploadSchema,
  PresignPartsRequest: uploads.presignPartsRequestSchema,
  PartUrls: uploads.partUrlsSchema,
  CompleteUploadRequest: uploads.completeUploadRequestSchema,
  CompletedUpload: uploads.completedUploadSchema,
  AbortedUpload: uploads.abortedUploadSchema,
};

test('every schema is valid in an OpenAPI 3.1 document and compiles as JSON Schema 2020-12', async () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'schemas of core/events and core/uploads', version: '1' },
    paths: {},
    components: { schemas: JSON.parse(JSON.stringify(schemas)) },
  };
  const res = await new Validator().validate(doc);
  assert.equal(res.valid, true, JSON.stringify(res.errors));
  for (const [name, schema] of Object.entries(schemas)) assert.doesNotThrow(() => ajv.compile(schema), name);
});

/** Values of every JSON type, biased toward the fields' own shapes. */
const anything = fc.anything({ maxDepth: 2, withObjectString: false, withNullPrototype: false });

/** Mostly valid (weight 8), sometimes any value: so both sides of every rule are reached. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: invalid, weight: 1 });

const subscriptionBody = fc.oneof(
  { arbitrary: anything, weight: 1 },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        url: mostly(
          fc.webUrl({ withQueryParameters: true }),
          fc.oneof(
            fc.webUrl({ withFragments: true }),
            fc.constantFrom('ftp://x.example/', 'https://u:p@x.example/', 'mailto:a@b', `https://x.example/${'a'.repeat(2100)}`),
            fc.string(),
            anything,
          ),
        ),
        events: mostly(
          fc.uniqueArray(fc.constantFrom(...CLIP_EVENT_TYPES), { minLength: 1 }),
          fc.oneof(fc.array(fc.oneof(fc.constantFrom(...CLIP_EVENT_TYPES), fc.string()), { maxLength: 7 }), anything),
        ),
        description: mostly(fc.string({ maxLength: 500 }), fc.oneof(fc.string({ minLength: 501, maxLength: 600 }), anything)),
        extra: anything,
      },
      { requiredKeys: ['url', 'events'] },
    ),
  },
);

test('subscription bodies: the schema and the domain check agree, and only EventsError is thrown', () => {
  const schema = ajv.compile(events.createSubscriptionRequestSchema);
  let acceptedCount = 0;
  fc.assert(
    fc.property(subscriptionBody, (body) => {
      let accepted = true;
      try {
        parseSubscriptionInput(body, { allowPrivateTargets: true });
      } catch (e) {
        assert.ok(e instanceof events.EventsError, `unexpected ${String(e)}`);
        assert.equal(e.status, 400);
        assert.ok(e.errors.length > 0);
        accepted = false;
      }
      const bySchema = schema(body);
      // The schema cannot express "no user name or password in the URL" nor control characters in
      // the description: the domain refuses those on top. Otherwise the two agree.
      const url = (body as { url?: unknown })?.url;
      const desc = (body as { description?: unknown })?.description;
      const beyondSchema =
        (typeof url === 'string' && /^https?:\/\/[^/]*@/i.test(url)) ||
        (typeof url === 'string' && url.includes('#')) ||
        // eslint-disable-next-line no-control-regex -- the characters the domain refuses
        (typeof desc === 'string' && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(desc));
      if (accepted) acceptedCount++;
      if (accepted) assert.equal(bySchema, true, `domain accepted, schema refused: ${JSON.stringify(body)} ${JSON.stringify(schema.errors)}`);
      else if (!beyondSchema) assert.equal(bySchema, false, `schema accepted, domain refused: ${JSON.stringify(body)}`);
    }),
    { numRuns: 1500 },
  );
  assert.ok(acceptedCount > 0, 'some generated bodies were valid');
});

const uploadBody = fc.oneof(
  { arbitrary: anything, weight: 1 },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        fileName: mostly(fc.string({ minLength: 1, maxLength: 300 }), fc.oneof(fc.constantFrom('dir/a.mp4', ' ', ''), anything)),
        size: mostly(
          fc.integer({ min: 1, max: 50_000_000_000 }),
          fc.oneof(fc.integer({ min: -5, max: 0 }), fc.constant(60_000_000_000), fc.double(), anything),
        ),
        sha256: mostly(
          fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 64, maxLength: 64 }),
          fc.oneof(fc.string({ maxLength: 65 }), anything),
        ),
        contentType: mostly(fc.constantFrom('video/mp4', 'video/quicktime'), fc.oneof(fc.constant('video/webm'), anything)),
        metadata: mostly(
          fc.record(
            {
              title: mostly(fc.string({ minLength: 1, maxLength: 500 }), fc.oneof(fc.string({ minLength: 501, maxLength: 510 }), anything)),
              tags: mostly(
                fc.array(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 50 }),
                fc.oneof(fc.array(fc.string({ maxLength: 110 }), { maxLength: 55 }), anything),
              ),
              broadcastAt: mostly(
                fc.constantFrom('2026-11-01T20:30:00-06:00', '2026-12-04T13:00:00Z'),
                fc.oneof(fc.constantFrom('2026-02-31T10:00:00Z', 'ayer', '2999-01-01T00:00:00Z'), anything),
              ),
              color: anything,
            },
            { requiredKeys: ['title'] },
          ),
          anything,
        ),
        extra: anything,
      },
      { requiredKeys: ['fileName', 'size', 'sha256', 'contentType', 'metadata'] },
    ),
  },
);

test('upload bodies: whatever the domain accepts the schema accepts, and only UploadsError is thrown', () => {
  const schema = ajv.compile(uploads.createUploadRequestSchema);
  let accepted = 0;
  fc.assert(
    fc.property(uploadBody, (body) => {
      try {
        parseCreateUpload(body, Date.parse('2026-12-04T12:00:00Z'));
      } catch (e) {
        assert.ok(e instanceof uploads.UploadsError, `unexpected ${String(e)}`);
        assert.equal(e.status, 400);
        assert.ok(e.errors.length > 0);
        return;
      }
      accepted++;
      assert.equal(schema(body), true, `domain accepted, schema refused: ${JSON.stringify(body)} ${JSON.stringify(schema.errors)}`);
    }),
    { numRuns: 1500 },
  );
  assert.ok(accepted > 0, 'some generated bodies were valid');
});
