/**
 * The webhook event types, defined once (docs/webhooks.md): each type's name, when it is sent and the
 * JSON Schema of its `data`. The subscription schemas, the validator, the docs and the dispatcher
 * derive from this list.
 */

const clipId = { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'The clip id (32 lowercase hex digits).' } as const;

export const CLIP_EVENTS = {
  'clip.ready': {
    when: 'Packaging finished: the clip can be played (by admins) and published.',
    data: { type: 'object', additionalProperties: false, required: ['clipId'], properties: { clipId } },
  },
  'clip.failed': {
    when: 'Packaging failed for good; `failureCode` is one of the packaging failure codes (docs/packaging.md).',
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['clipId', 'failureCode', 'failureReason'],
      properties: {
        clipId,
        failureCode: { type: 'string', maxLength: 64 },
        failureReason: { type: 'string', maxLength: 2000 },
      },
    },
  },
  'clip.published': {
    when: 'The clip was published: the CDN serves it and the public catalog lists it.',
    data: { type: 'object', additionalProperties: false, required: ['clipId'], properties: { clipId } },
  },
  'clip.unpublished': {
    when: 'The clip was unpublished: the CDN stops serving it.',
    data: { type: 'object', additionalProperties: false, required: ['clipId'], properties: { clipId } },
  },
  'clip.deleted': {
    when: 'The clip and its files were deleted.',
    data: { type: 'object', additionalProperties: false, required: ['clipId'], properties: { clipId } },
  },
} as const;

export type ClipEventType = keyof typeof CLIP_EVENTS;

export const CLIP_EVENT_TYPES = Object.keys(CLIP_EVENTS) as ClipEventType[];

/** The `data` each event type carries. */
export interface ClipEventData {
  'clip.ready': { clipId: string };
  'clip.failed': { clipId: string; failureCode: string; failureReason: string };
  'clip.published': { clipId: string };
  'clip.unpublished': { clipId: string };
  'clip.deleted': { clipId: string };
}

export const isClipEventType = (v: unknown): v is ClipEventType => typeof v === 'string' && Object.prototype.hasOwnProperty.call(CLIP_EVENTS, v);

/** What a receiver gets as the request body: the same four keys for every type. */
export interface WebhookEvent<T extends ClipEventType = ClipEventType> {
  /** `evt_` + 32 hex digits; the same on every retry of the event (receivers de-duplicate on it). */
  id: string;
  type: T;
  /** When the event happened (ISO 8601, UTC). */
  createdAt: string;
  data: ClipEventData[T];
}
