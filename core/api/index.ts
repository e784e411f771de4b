/**
 * The Web API (`/v1`), run by the stand-in (server/api/) and by Lambda (infra/api/lambda.ts):
 * `createApiFromS3(...)` wires the default parts over one S3 client with service credentials.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { API_AUDIENCE } from '../auth/access-token.ts';
import { createClientStore } from '../auth/clients.ts';
import type { JsonWebKeySet } from '../auth/signing-keys.ts';
import { createAuditLog, type AuditLog, type AuditLogOptions } from '../audit/log.ts';
import type { SealSigner } from '../audit/seal-signer.ts';
import { s3ObjectStore } from '../storage/object-store.ts';
import { clipSearchOver } from './clip-search.ts';
import { createCursors } from './cursor.ts';
import type { ApiDeps } from './deps.ts';
import { NO_EVENTS, type EventSink } from '../events/event-sink.ts';
import type { SubscriptionContext } from '../events/subscription-handlers.ts';
import { memoryIdempotencyStore, storeIdempotencyStore } from './idempotency.ts';
import { DEFAULT_API_LIMITS, type ApiLimits } from './limits.ts';
import { createApi, type Api } from './router.ts';
import type { PreviewSigner } from '../preview/preview-signer.ts';

export { createApi, type Api } from './router.ts';
export type { ApiDeps } from './deps.ts';
export type { EventSink } from '../events/event-sink.ts';
export type { ClipEventType } from '../events/event-types.ts';
export type { ApiRequest, ApiResponse } from './types.ts';
export { DEFAULT_API_LIMITS, type ApiLimits } from './limits.ts';
export { ROUTES } from './routes/index.ts';

export interface S3ApiOptions {
  s3: S3Client;
  bucket: string;
  jwks: () => Promise<JsonWebKeySet> | JsonWebKeySet;
  /** Signs page cursors (32 random bytes, kept per deployment). */
  cursorSecret: Uint8Array;
  cdnBaseUrl: string;
  embedScriptUrl?: string;
  audience?: string;
  issuer?: string;
  /** Where the audit log is written (on AWS its own Object Lock bucket); default `bucket`. */
  auditBucket?: string;
  /** Signs the audit log's seals (the stand-in's local key, KMS on AWS); without it the log is not sealed. */
  sealSigner?: SealSigner;
  /** How often seals are made (default DEFAULT_SEAL_EVERY). */
  sealEvery?: AuditLogOptions['sealEvery'];
  /** The process's audit log, when the runtime keeps one (the stand-in); else one is made over `auditBucket`. */
  audit?: AuditLog;
  events?: EventSink;
  /** What the webhook subscription routes need (the stand-in's dispatcher's); without it they answer 503. */
  webhooks?: SubscriptionContext;
  /** The bucket's region (system clients' upload folders); default AWS_REGION, else us-east-1. */
  region?: string;
  /** Smallest upload part (tests); default UPLOAD_LIMITS.minPartSize. */
  uploadMinPartSize?: number;
  limits?: Partial<ApiLimits>;
  /**
   * Where idempotency keys live: `memory` (one process: the stand-in; bounded) or `bucket` (shared by
   * every instance: Lambda).
   */
  idempotency?: 'memory' | 'bucket';
  /** Signs draft previews (the preview key); without it the preview route answers 503. */
  preview?: PreviewSigner;
  log?: (m: string) => void;
  now?: () => number;
}

/** Where a page loads the elements from by default: the published package's script-tag bundle. */
export const DEFAULT_EMBED_SCRIPT_URL = 'https://cdn.jsdelivr.net/npm/ine-video-elements/dist/ine-elements.js';

export function apiDepsFromS3(o: S3ApiOptions): ApiDeps {
  const store = s3ObjectStore(o.s3, o.bucket);
  const now = o.now ?? Date.now;
  const limits = { ...DEFAULT_API_LIMITS, ...o.limits };
  return {
    store,
    jwks: o.jwks,
    audience: o.audience ?? API_AUDIENCE,
    ...(o.issuer ? { issuer: o.issuer } : {}),
    events: o.events ?? NO_EVENTS,
    uploads: {
      s3: o.s3,
      bucket: o.bucket,
      region: o.region ?? process.env.AWS_REGION ?? 'us-east-1',
      now,
      ...(o.uploadMinPartSize ? { minPartSize: o.uploadMinPartSize } : {}),
    },
    ...(o.webhooks ? { webhooks: o.webhooks } : {}),
    audit:
      o.audit ??
      createAuditLog(o.auditBucket ? s3ObjectStore(o.s3, o.auditBucket) : store, {
        now,
        changes: store,
        ...(o.sealSigner ? { signer: o.sealSigner } : {}),
        ...(o.sealEvery ? { sealEvery: o.sealEvery } : {}),
        ...(o.log ? { log: o.log } : {}),
      }),
    clients: createClientStore(store, now),
    search: clipSearchOver(store),
    idempotency:
      o.idempotency === 'bucket'
        ? storeIdempotencyStore(store, limits.idempotencyTtlMs, now)
        : memoryIdempotencyStore(limits.idempotencyKeys, limits.idempotencyTtlMs, now),
    cursors: createCursors(o.cursorSecret),
    limits,
    ...(o.preview ? { preview: o.preview } : {}),
    cdnBaseUrl: o.cdnBaseUrl,
    embedScriptUrl: o.embedScriptUrl ?? DEFAULT_EMBED_SCRIPT_URL,
    log: o.log ?? (() => {}),
    now,
  };
}

export const createApiFromS3 = (o: S3ApiOptions): Api => createApi(apiDepsFromS3(o));
