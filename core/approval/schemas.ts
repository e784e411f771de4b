/** OpenAPI component schemas of sensitive periods and publication requests (core/api/schemas.ts lists them). */
import { ROLE_NAMES } from '../../infra/policies/roles.ts';
import { PERIOD_LIMITS } from './periods.ts';
import { REASON_MAX_LENGTH, REQUEST_ID_PATTERN, REQUEST_STATUSES, REQUESTED_ACTIONS } from './requests.ts';

type Schema = Record<string, unknown>;
const refTo = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const ACTOR: Schema = {
  type: 'object',
  required: ['sub', 'role'],
  additionalProperties: false,
  properties: { sub: { type: 'string' }, role: { enum: [...ROLE_NAMES] }, clientId: { type: 'string' } },
};
const DATE = { type: 'string', format: 'date-time' };

export const periodInputSchema: Schema = {
  type: 'object',
  required: ['label', 'start', 'end'],
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1, maxLength: PERIOD_LIMITS.labelMaxLength, description: 'What the period is (e.g. “Veda electoral 2027”).' },
    start: { ...DATE, description: 'From this instant (inclusive), ISO 8601 with offset.' },
    end: { ...DATE, description: 'Until this instant (exclusive); later than `start`, at most 400 days after it, and not already past.' },
  },
};

export const approvalComponentSchemas = (): Record<string, Schema> => ({
  SensitivePeriod: {
    type: 'object',
    required: ['id', 'label', 'start', 'end', 'createdBy', 'createdAt'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: REQUEST_ID_PATTERN },
      label: { type: 'string' },
      start: DATE,
      end: DATE,
      createdBy: { type: 'string' },
      createdAt: DATE,
      active: { type: 'boolean', description: 'In progress now (server time).' },
    },
  },
  SensitivePeriodList: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: { items: { type: 'array', items: refTo('SensitivePeriod') } },
  },
  PublicationRequest: {
    type: 'object',
    required: ['id', 'action', 'clipId', 'clipTitle', 'clipEtag', 'period', 'requestedBy', 'requestedAt', 'status'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: REQUEST_ID_PATTERN },
      action: { enum: [...REQUESTED_ACTIONS] },
      clipId: { type: 'string' },
      clipTitle: { type: 'string' },
      clipEtag: { type: 'string', description: 'The clip version asked about; approval acts on it only (a clip changed since fails the approval).' },
      period: {
        type: 'object',
        required: ['id', 'label'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, label: { type: 'string' } },
      },
      requestedBy: ACTOR,
      requestedAt: DATE,
      reason: { type: 'string', maxLength: REASON_MAX_LENGTH },
      status: { enum: [...REQUEST_STATUSES] },
      decidedBy: ACTOR,
      decidedAt: DATE,
      failure: { type: 'string' },
    },
  },
  PublicationRequestList: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['request', 'etag'],
          additionalProperties: false,
          properties: { request: refTo('PublicationRequest'), etag: { type: 'string', description: 'Send as `If-Match` to approve or reject.' } },
        },
      },
    },
  },
  PublicationDecision: {
    type: 'object',
    required: ['request'],
    additionalProperties: false,
    properties: {
      request: refTo('PublicationRequest'),
      clip: { anyOf: [refTo('ClipDetail'), { type: 'null' }], description: 'The clip after an approved publish/unpublish; null after a delete.' },
    },
  },
});
