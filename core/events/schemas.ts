/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the webhook routes' requests and answers and of the
 * payload receivers get, built from the one event list (event-types.ts) and the limits (limits.ts).
 * The API router attaches them to its routes; the OpenAPI document is generated from them.
 */
import { CLIP_EVENTS, CLIP_EVENT_TYPES } from './event-types.js';
import { WEBHOOK_LIMITS } from './limits.js';

export const eventTypeSchema = { type: 'string', enum: CLIP_EVENT_TYPES, description: 'A webhook event type.' } as const;

const id = { type: 'string', pattern: '^sub_[0-9a-f]{32}$', description: 'Subscription id.' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const secret = {
  type: 'string',
  pattern: '^whsec_[A-Za-z0-9_-]{43}$',
  description: 'The signing secret. Shown only in this answer: store it now.',
} as const;

export const createSubscriptionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'events'],
  properties: {
    url: {
      type: 'string',
      format: 'uri',
      pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
      maxLength: WEBHOOK_LIMITS.urlMaxLength,
      description: 'Where events are POSTed (http or https; private-network addresses are refused on AWS).',
    },
    events: { type: 'array', items: eventTypeSchema, minItems: 1, maxItems: CLIP_EVENT_TYPES.length, uniqueItems: true },
    description: { type: 'string', maxLength: WEBHOOK_LIMITS.descriptionMaxLength },
  },
} as const;

export const subscriptionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'events', 'description', 'createdBy', 'createdAt'],
  properties: {
    id,
    url: { type: 'string', maxLength: WEBHOOK_LIMITS.urlMaxLength },
    events: { type: 'array', items: eventTypeSchema },
    description: { type: 'string', maxLength: WEBHOOK_LIMITS.descriptionMaxLength },
    createdBy: { type: 'string' },
    createdAt: dateTime,
    secretRotatedAt: dateTime,
  },
} as const;

/** The answer to "create": the subscription and, this once, its secret. */
export const createdSubscriptionSchema = {
  ...subscriptionSchema,
  required: [...subscriptionSchema.required, 'secret'],
  properties: { ...subscriptionSchema.properties, secret },
} as const;

export const subscriptionListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: subscriptionSchema, maxItems: WEBHOOK_LIMITS.maxSubscriptions } },
} as const;

/** The answer to "rotate secret": the new secret, shown once, and until when the old one still signs. */
export const rotatedSecretSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'secret', 'previousSecretExpiresAt'],
  properties: { id, secret, previousSecretExpiresAt: dateTime },
} as const;

export const deliveryLogEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deliveryId', 'eventId', 'eventType', 'attempt', 'at', 'durationMs', 'outcome'],
  properties: {
    deliveryId: { type: 'string', pattern: '^dlv_[0-9a-f]{32}$' },
    eventId: { type: 'string', pattern: '^evt_[0-9a-f]{32}$' },
    eventType: eventTypeSchema,
    attempt: { type: 'integer', minimum: 1, maximum: WEBHOOK_LIMITS.maxAttempts },
    at: { ...dateTime, description: 'When the attempt started.' },
    statusCode: { type: 'integer', minimum: 100, maximum: 599, description: "The receiver's HTTP status, when it answered." },
    durationMs: { type: 'integer', minimum: 0 },
    error: { type: 'string', maxLength: WEBHOOK_LIMITS.logErrorMaxLength, description: 'Why the attempt failed (timeout, refused, status…).' },
    outcome: {
      type: 'string',
      enum: ['delivered', 'retrying', 'failed'],
      description: '`retrying`: failed, another attempt is scheduled (`nextAttemptAt`); `failed`: the last attempt failed.',
    },
    nextAttemptAt: dateTime,
  },
} as const;

export const deliveryLogSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: deliveryLogEntrySchema, maxItems: WEBHOOK_LIMITS.deliveryLogEntries } },
} as const;

/** The body of every delivery: one of the event types with its own `data`. */
export const webhookEventSchema = {
  oneOf: CLIP_EVENT_TYPES.map((type) => ({
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'createdAt', 'data'],
    properties: {
      id: { type: 'string', pattern: '^evt_[0-9a-f]{32}$' },
      type: { const: type },
      createdAt: dateTime,
      data: CLIP_EVENTS[type].data,
    },
  })),
} as const;
