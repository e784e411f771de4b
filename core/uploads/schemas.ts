/**
 * JSON Schemas (2020-12) of the upload routes' requests and answers, from the limits (limits.ts) and
 * the clip fields' own schema (src/contract/clip-schema.ts). The API router attaches them to its
 * routes; the OpenAPI document is generated from them.
 */
import { metadataSchema } from '../../src/contract/clip-schema.js';
import { S3_MAX_PARTS } from '../../src/upload/part-plan.js';
import { UPLOAD_LIMITS } from './limits.js';

const uploadId = { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'Upload id.' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const partNumber = { type: 'integer', minimum: 1, maximum: S3_MAX_PARTS } as const;

export const createUploadRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fileName', 'size', 'sha256', 'contentType', 'metadata'],
  properties: {
    fileName: { type: 'string', minLength: 1, maxLength: UPLOAD_LIMITS.fileNameMaxLength, pattern: '^[^/\\\\\\u0000-\\u001f\\u007f]+$' },
    size: { type: 'integer', minimum: 1, maximum: UPLOAD_LIMITS.maxFileSize, description: 'Bytes.' },
    sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: "The whole file's SHA-256, hex; packaging verifies it." },
    contentType: { type: 'string', enum: [...UPLOAD_LIMITS.contentTypes] },
    metadata: metadataSchema(),
  },
} as const;

const partUrl = {
  type: 'object',
  additionalProperties: false,
  required: ['partNumber', 'url', 'start', 'end', 'size'],
  properties: {
    partNumber,
    url: { type: 'string', format: 'uri', description: 'PUT exactly `size` bytes here (no other headers needed); keep the ETag answered.' },
    start: { type: 'integer', minimum: 0 },
    end: { type: 'integer', minimum: 1, description: 'Exclusive.' },
    size: { type: 'integer', minimum: 1 },
  },
} as const;

export const createdUploadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uploadId', 'key', 'partSize', 'partCount', 'parts', 'urlsExpireAt'],
  properties: {
    uploadId,
    key: { type: 'string' },
    partSize: { type: 'integer', minimum: 1 },
    partCount: { type: 'integer', minimum: 1, maximum: S3_MAX_PARTS },
    parts: { type: 'array', items: partUrl, maxItems: UPLOAD_LIMITS.maxPartUrlsPerAnswer },
    urlsExpireAt: dateTime,
  },
} as const;

export const presignPartsRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['partNumbers'],
  properties: { partNumbers: { type: 'array', items: partNumber, minItems: 1, maxItems: UPLOAD_LIMITS.maxPartUrlsPerAnswer } },
} as const;

export const partUrlsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uploadId', 'parts', 'urlsExpireAt'],
  properties: { uploadId, parts: createdUploadSchema.properties.parts, urlsExpireAt: dateTime },
} as const;

export const completeUploadRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['parts'],
  properties: {
    parts: {
      type: 'array',
      minItems: 1,
      maxItems: S3_MAX_PARTS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['partNumber', 'etag'],
        properties: { partNumber, etag: { type: 'string', minLength: 1, maxLength: UPLOAD_LIMITS.etagMaxLength } },
      },
    },
  },
} as const;

export const completedUploadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uploadId', 'key', 'clipId', 'state'],
  properties: { uploadId, key: { type: 'string' }, clipId: { type: 'string', pattern: '^[0-9a-f]{32}$' }, state: { const: 'completed' } },
} as const;

export const abortedUploadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uploadId', 'state'],
  properties: { uploadId, state: { const: 'aborted' } },
} as const;
