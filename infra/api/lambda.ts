/**
 * The Web API on AWS: Lambda behind an API Gateway HTTP API (payload format 2.0), a thin adapter
 * over core/api. Tokens are verified here against the broker's JWKS (`INE_API_JWKS_URL`), also when
 * API Gateway's JWT authorizer checked them first: the handlers need the principal, and one check in
 * code is the one the stand-in runs. Storage is the function's role (service credentials).
 *
 * Environment (set by infra/lib/api.ts): INE_MEDIA_BUCKET, INE_AUDIT_BUCKET (Object Lock), INE_CDN_BASE_URL,
 * INE_API_JWKS_URL, INE_API_ISSUER (the broker's URL), INE_API_AUDIENCE, INE_EMBED_SCRIPT_URL (optional),
 * INE_PREVIEW_KEY_SECRET_ARN + INE_PREVIEW_KEY_PAIR_ID (draft previews, infra/lib/preview.ts; optional).
 * The cursor-signing secret is 32 random bytes kept in the bucket's private `api/` prefix (created by
 * the first instance, If-None-Match so two never disagree; nobody but the API's role can read it), or
 * INE_API_CURSOR_SECRET (base64url) when given.
 * Idempotency claims live in the bucket's `api/idempotency/`, expired by its lifecycle rule (infra/lib/media-bucket.ts).
 * Webhooks (INE_WEBHOOK_QUEUE_URL, set by infra/lib/webhooks.ts): clip events go to that queue, and
 * the subscription routes keep subscriptions and delivery logs in the bucket as the stand-in does.
 */
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { PreconditionFailed, s3ObjectStore } from '../../core/storage/object-store.ts';
import { createApiFromS3, type ApiRequest, type ApiResponse } from '../../core/api/index.ts';
import type { JsonWebKeySet } from '../../core/auth/signing-keys.ts';
import { awsSubscriptionContext, webhookEventSink } from '../webhooks/event-sink.ts';
import { publishSealKeys, sealSignerFromEnv } from '../../core/audit/from-env.ts';
import { previewSignerFromEnv } from './preview-key.ts';

/** The parts of an API Gateway HTTP API v2 event the adapter reads. */
export interface HttpApiEventV2 {
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; sourceIp?: string } };
}

export interface HttpApiResultV2 {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Event → plain request. The stage or custom-domain prefix before `/v1` is dropped. */
export function requestFromEvent(event: HttpApiEventV2): ApiRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(event.rawQueryString ?? '')) query[k] = v;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
  const at = event.rawPath.indexOf('/v1');
  const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return {
    method: event.requestContext.http.method,
    path: at >= 0 ? event.rawPath.slice(at) : event.rawPath,
    headers,
    query,
    ...(body !== undefined ? { body } : {}),
    ...(event.requestContext.http.sourceIp ? { clientIp: event.requestContext.http.sourceIp } : {}),
  };
}

export const resultFromResponse = (r: ApiResponse): HttpApiResultV2 => ({
  statusCode: r.status,
  headers: r.headers,
  body: r.body === undefined ? '' : JSON.stringify(r.body),
});

/** The broker's JWKS, cached for five minutes (a rotation publishes the new key before using it). */
function jwksFrom(url: string): () => Promise<JsonWebKeySet> {
  let cached: { at: number; jwks: JsonWebKeySet } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 300_000) return cached.jwks;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`JWKS ${url}: ${res.status}`);
    cached = { at: Date.now(), jwks: (await res.json()) as JsonWebKeySet };
    return cached.jwks;
  };
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`Set ${name}`);
  return v;
}

/** Where the cursor-signing secret lives: the private prefix only the API's role may read. */
export const CURSOR_SECRET_KEY = 'api/keys/cursor-secret';

/** The deployment's cursor secret: INE_API_CURSOR_SECRET, else the bucket's copy, created once. */
export async function cursorSecret(s3: S3Client, bucket: string): Promise<Uint8Array> {
  if (process.env.INE_API_CURSOR_SECRET) return Buffer.from(process.env.INE_API_CURSOR_SECRET, 'base64url');
  const store = s3ObjectStore(s3, bucket);
  const existing = await store.get(CURSOR_SECRET_KEY);
  if (existing) return Buffer.from(existing.body, 'base64url');
  const fresh = randomBytes(32).toString('base64url');
  try {
    await store.put(CURSOR_SECRET_KEY, fresh, { ifNoneMatch: '*', contentType: 'text/plain' });
    return Buffer.from(fresh, 'base64url');
  } catch (e) {
    // Another instance created it first: use theirs.
    if (!(e instanceof PreconditionFailed)) throw e;
    return Buffer.from((await store.get(CURSOR_SECRET_KEY))!.body, 'base64url');
  }
}

let api: Promise<ReturnType<typeof createApiFromS3>> | undefined;

async function createApi(): Promise<ReturnType<typeof createApiFromS3>> {
  const s3 = new S3Client({});
  const bucket = required('INE_MEDIA_BUCKET');
  const events = webhookEventSink();
  const sealSigner = sealSignerFromEnv();
  if (sealSigner) publishSealKeys(s3, bucket, sealSigner, (m) => console.log(JSON.stringify({ msg: m })));
  const preview = previewSignerFromEnv();
  return createApiFromS3({
    s3,
    bucket,
    jwks: jwksFrom(required('INE_API_JWKS_URL')),
    issuer: required('INE_API_ISSUER'),
    ...(process.env.INE_API_AUDIENCE ? { audience: process.env.INE_API_AUDIENCE } : {}),
    ...(process.env.INE_AUDIT_BUCKET ? { auditBucket: process.env.INE_AUDIT_BUCKET } : {}),
    ...(sealSigner ? { sealSigner } : {}),
    cursorSecret: await cursorSecret(s3, bucket),
    cdnBaseUrl: required('INE_CDN_BASE_URL'),
    ...(preview ? { preview } : {}),
    // Many instances: idempotency keys must be shared (rate limits per instance are backed by API Gateway's throttling).
    idempotency: 'bucket',
    ...(events ? { events, webhooks: awsSubscriptionContext(s3, bucket) } : {}),
    ...(process.env.INE_EMBED_SCRIPT_URL ? { embedScriptUrl: process.env.INE_EMBED_SCRIPT_URL } : {}),
    log: (m) => console.log(JSON.stringify({ msg: m })),
  });
}

export async function handler(event: HttpApiEventV2): Promise<HttpApiResultV2> {
  api ??= createApi();
  api.catch(() => (api = undefined)); // a failed cold start is retried by the next request
  return resultFromResponse(await (await api).handle(requestFromEvent(event)));
}
