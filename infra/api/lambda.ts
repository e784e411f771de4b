/**
 * The Web API on AWS: Lambda behind an API Gateway HTTP API (payload format 2.0), a thin adapter
 * over core/api. Tokens are verified here against the broker's JWKS (`INE_API_JWKS_URL`), also when
 * API Gateway's JWT authorizer checked them first: the handlers need the principal, and one check in
 * code is the one the stand-in runs. Storage is the function's role (service credentials).
 *
 * Environment: INE_MEDIA_BUCKET, INE_CDN_BASE_URL, INE_API_JWKS_URL, INE_API_ISSUER (the broker's URL),
 * INE_API_CURSOR_SECRET (32+ random bytes, base64url, from a secret), INE_EMBED_SCRIPT_URL (optional).
 * The bucket needs a lifecycle rule expiring `api/idempotency/` after one day.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createApiFromS3, type ApiRequest, type ApiResponse } from '../../core/api/index.ts';
import type { JsonWebKeySet } from '../../core/auth/signing-keys.ts';

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

let api: ReturnType<typeof createApiFromS3> | undefined;

export async function handler(event: HttpApiEventV2): Promise<HttpApiResultV2> {
  api ??= createApiFromS3({
    s3: new S3Client({}),
    bucket: required('INE_MEDIA_BUCKET'),
    jwks: jwksFrom(required('INE_API_JWKS_URL')),
    issuer: required('INE_API_ISSUER'),
    cursorSecret: Buffer.from(required('INE_API_CURSOR_SECRET'), 'base64url'),
    cdnBaseUrl: required('INE_CDN_BASE_URL'),
    // Many instances: idempotency keys must be shared (rate limits per instance are backed by API Gateway's throttling).
    idempotency: 'bucket',
    ...(process.env.INE_EMBED_SCRIPT_URL ? { embedScriptUrl: process.env.INE_EMBED_SCRIPT_URL } : {}),
    log: (m) => console.log(JSON.stringify({ msg: m })),
  });
  return resultFromResponse(await api.handle(requestFromEvent(event)));
}
