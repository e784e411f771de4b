/**
 * The JSON Schemas the API's routes share (OpenAPI `components.schemas`). The clip record and catalog
 * entry come from the storage contract's own schemas (schemas/*.schema.json, themselves generated
 * from src/contract/clip-fields.ts), so the API can never describe a clip differently from storage.
 */
import { readFileSync } from 'node:fs';
import { FIELDS } from '../../src/contract/clip-fields.ts';
import { fieldSchema } from '../../src/contract/clip-schema.ts';
import { SCOPE_NAMES } from '../auth/scopes.ts';
import { ROLE_NAMES } from '../../infra/policies/roles.ts';
import { CLIENT_ID_PATTERN } from '../auth/clients.ts';
import { PROBLEM_CODES } from './problem-codes.ts';
import { AUDIT_ACTIONS } from '../audit/entry.ts';
import {
  createdSubscriptionSchema,
  deliveryLogSchema,
  rotatedSecretSchema,
  subscriptionListSchema,
  subscriptionSchema,
  webhookEventSchema,
} from '../events/schemas.ts';
import { approvalComponentSchemas } from '../approval/schemas.ts';
import { abortedUploadSchema, completedUploadSchema, createdUploadSchema, partUrlsSchema } from '../uploads/schemas.ts';

export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A storage schema as components: `$defs` hoisted to `<Name>_<def>`, `$schema`/`$id` dropped. */
function hoist(file: string, name: string): Record<string, Schema> {
  const doc = JSON.parse(readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8')) as Schema;
  const { $schema: _s, $id: _i, $defs = {}, ...main } = doc as Schema & { $defs?: Record<string, Schema> };
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/') ? `#/components/schemas/${name}_${x.slice(8)}` : rewrite(x),
        ]),
      );
    return v;
  };
  const out: Record<string, Schema> = { [name]: rewrite(main) as Schema };
  for (const [k, d] of Object.entries($defs)) out[`${name}_${k}`] = rewrite(d) as Schema;
  return out;
}

export const CLIP_ID_SCHEMA: Schema = { type: 'string', pattern: '^[0-9a-z]{26,64}$' };

/** PATCH body: any subset of the clip fields (src/contract/clip-fields.ts); `null` clears an optional one. */
export function clipPatchSchema(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(
      FIELDS.map((f) => {
        const s = fieldSchema(f);
        if (f.kind === 'choice') Object.assign(s, { enum: [...f.options!] });
        return [f.name, f.required ? s : { anyOf: [s, { type: 'null' }], description: s.description }];
      }),
    ),
  };
}

const ACTOR: Schema = {
  type: 'object',
  required: ['sub', 'role'],
  additionalProperties: false,
  properties: {
    sub: { type: 'string' },
    role: { enum: [...ROLE_NAMES, 'service'], description: '`service`: the platform itself (packaging).' },
    clientId: { type: 'string' },
  },
};

export function componentSchemas(): Record<string, Schema> {
  return {
    ...hoist('video.schema.json', 'VideoRecord'),
    ...hoist('catalog-entry.schema.json', 'CatalogEntry'),
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details; `code` is stable (docs/errors.md).',
      required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        code: { enum: PROBLEM_CODES },
        instance: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['pointer', 'message'],
            properties: { pointer: { type: 'string' }, message: { type: 'string' }, key: { type: 'string' } },
          },
        },
        current: ref('ClipDetail'),
        currentRequest: {
          ...ref('PublicationRequest'),
          description: 'A publication request as it is now (RequestDecided, PreconditionFailed on a request).',
        },
      },
    },
    ClipDetail: {
      type: 'object',
      required: ['id', 'etag', 'record', 'urls', 'embed'],
      additionalProperties: false,
      properties: {
        id: CLIP_ID_SCHEMA,
        etag: { type: 'string', description: 'The version to send back in If-Match.' },
        record: ref('VideoRecord'),
        urls: {
          type: 'object',
          additionalProperties: false,
          properties: {
            master: { type: 'string', format: 'uri' },
            poster: { type: 'string', format: 'uri' },
            renditions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['width', 'height', 'bandwidth', 'url'],
                additionalProperties: false,
                properties: {
                  width: { type: 'integer' },
                  height: { type: 'integer' },
                  bandwidth: { type: 'integer' },
                  url: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        embed: {
          type: 'object',
          required: ['html', 'script', 'element'],
          additionalProperties: false,
          properties: {
            html: { type: 'string', description: 'The script tag and the element, ready to paste into a page.' },
            script: { type: 'string' },
            element: { type: 'string' },
          },
        },
      },
    },
    ClipPage: {
      type: 'object',
      required: ['items', 'total'],
      additionalProperties: false,
      properties: {
        items: { type: 'array', items: ref('CatalogEntry') },
        total: { type: 'integer', minimum: 0, description: 'Matches for the whole query.' },
        nextCursor: { type: 'string', description: 'Opaque; pass as `cursor` for the next page. Absent on the last page.' },
      },
    },
    AuditEntry: {
      type: 'object',
      required: ['schemaVersion', 'seq', 'at', 'actor', 'action', 'before', 'after', 'prevHash', 'hash'],
      additionalProperties: false,
      properties: {
        schemaVersion: { const: 1 },
        seq: { type: 'integer', minimum: 1 },
        at: { type: 'string', format: 'date-time' },
        actor: ACTOR,
        action: { enum: [...AUDIT_ACTIONS] },
        clipId: CLIP_ID_SCHEMA,
        targetClientId: { type: 'string' },
        targetSubscriptionId: { type: 'string' },
        targetRequestId: { type: 'string' },
        targetPeriodId: { type: 'string' },
        before: {},
        after: {},
        recovered: {
          type: 'object',
          required: ['intendedAt', 'confirmed'],
          additionalProperties: false,
          description: 'Appended by recovery: the writer journalled the change and stopped before its entry.',
          properties: { intendedAt: { type: 'string', format: 'date-time' }, confirmed: { type: 'boolean' } },
        },
        queueId: { type: 'string', description: 'The queued append this entry was sequenced from; no two entries share one.' },
        prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
    AuditPage: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: ref('AuditEntry') }, nextCursor: { type: 'string' } },
    },
    Client: {
      type: 'object',
      required: ['clientId', 'name', 'role', 'scopes', 'createdAt', 'updatedAt', 'createdBy'],
      additionalProperties: false,
      properties: {
        clientId: { type: 'string', pattern: CLIENT_ID_PATTERN },
        name: { type: 'string' },
        role: { enum: [...ROLE_NAMES] },
        scopes: { type: 'array', items: { enum: SCOPE_NAMES } },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        createdBy: { type: 'string' },
        previousSecretExpiresAt: { type: 'string', format: 'date-time' },
      },
    },
    ClientWithSecret: {
      type: 'object',
      required: ['client', 'clientSecret'],
      additionalProperties: false,
      properties: { client: ref('Client'), clientSecret: { type: 'string', description: 'Shown once; store it safely.' } },
    },
    WebhookSubscription: subscriptionSchema,
    WebhookSubscriptionWithSecret: createdSubscriptionSchema,
    WebhookSubscriptionList: subscriptionListSchema,
    WebhookSecretRotation: rotatedSecretSchema,
    WebhookDeliveryLog: deliveryLogSchema,
    WebhookEvent: webhookEventSchema,
    Upload: createdUploadSchema,
    UploadPartUrls: partUrlsSchema,
    CompletedUpload: completedUploadSchema,
    AbortedUpload: abortedUploadSchema,
    ClientList: { type: 'object', required: ['items'], additionalProperties: false, properties: { items: { type: 'array', items: ref('Client') } } },
    ...approvalComponentSchemas(),
  };
}
