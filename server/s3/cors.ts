// CORS for the S3 endpoint: preflight answers and headers on actual responses, from bucket-style rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsRule } from './types.ts';
import { FIELDS, s3NameOf } from '../../src/contract/clip-fields.js';

/**
 * x-amz-meta-* names the project's elements read in the browser (CORS cannot expose a wildcard):
 * every clip field's (src/contract/clip-fields.ts) and the upload's own.
 */
export const PROJECT_META_HEADERS = [
  ...FIELDS.map(s3NameOf),
  'broadcastat',
  'filename',
  'file-name',
  'original-name',
  'sha256',
  'upload-id',
  'video-id',
  'identity-id',
  'schema-version',
  'duration',
].map((n) => `x-amz-meta-${n}`);

export const DEFAULT_CORS: CorsRule[] = [
  {
    allowedOrigins: ['*'],
    allowedMethods: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
    allowedHeaders: ['*'],
    exposeHeaders: [
      'ETag',
      'x-amz-version-id',
      'x-amz-request-id',
      'x-amz-id-2',
      'x-amz-delete-marker',
      'x-amz-checksum-crc32',
      'x-amz-checksum-crc32c',
      'x-amz-checksum-sha1',
      'x-amz-checksum-sha256',
      'x-amz-checksum-crc64nvme',
      'x-amz-checksum-type',
      'x-amz-mp-parts-count',
      'x-amz-server-side-encryption',
      'Content-Range',
      'Content-Length',
      'Content-Type',
      'Content-Disposition',
      'Cache-Control',
      'Accept-Ranges',
      'Last-Modified',
      ...PROJECT_META_HEADERS,
    ],
    maxAgeSeconds: 3000,
  },
];

const wildcard = (pattern: string, value: string): boolean => {
  if (pattern === '*') return true;
  const star = pattern.indexOf('*');
  if (star < 0) return pattern.toLowerCase() === value.toLowerCase();
  const head = pattern.slice(0, star).toLowerCase();
  const tail = pattern.slice(star + 1).toLowerCase();
  const v = value.toLowerCase();
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
};

export function matchRule(rules: CorsRule[], origin: string, method: string, requestHeaders: string[] = []): CorsRule | undefined {
  return rules.find(
    (r) =>
      r.allowedOrigins.some((o) => wildcard(o, origin)) &&
      r.allowedMethods.some((m) => m.toUpperCase() === method.toUpperCase()) &&
      requestHeaders.every((h) => r.allowedHeaders.some((p) => wildcard(p, h))),
  );
}

/** Headers for an actual (non-preflight) response; nothing when there is no Origin or no rule matches. */
export function applyCors(rules: CorsRule[], req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin || res.headersSent) return;
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
  const rule = matchRule(rules, origin, req.method ?? 'GET');
  if (!rule) return;
  res.setHeader('Access-Control-Allow-Origin', rule.allowedOrigins.includes('*') ? '*' : origin);
  res.setHeader('Access-Control-Allow-Methods', rule.allowedMethods.join(', '));
  if (rule.exposeHeaders.length) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
  res.setHeader('Access-Control-Max-Age', String(rule.maxAgeSeconds));
}

/** Preflight: the headers to send, or undefined when no rule allows the request. */
export function preflight(rules: CorsRule[], req: IncomingMessage): Record<string, string> | undefined {
  const origin = req.headers.origin!;
  const method = String(req.headers['access-control-request-method']);
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const rule = matchRule(rules, origin, method, asked);
  if (!rule) return undefined;
  const h: Record<string, string> = {
    'Access-Control-Allow-Origin': rule.allowedOrigins.includes('*') ? '*' : origin,
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    'Access-Control-Max-Age': String(rule.maxAgeSeconds),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  if (asked.length) h['Access-Control-Allow-Headers'] = asked.join(', ');
  if (rule.exposeHeaders.length) h['Access-Control-Expose-Headers'] = rule.exposeHeaders.join(', ');
  return h;
}
