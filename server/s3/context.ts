// One request being handled: parsed path and query, the caller, and small helpers shared by the operations.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3Error } from './errors.ts';
import type { ChunkSignatures, S3Principal } from './types.ts';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  principal: S3Principal;
  method: string;
  bucket: string;
  key: string;
  query: URLSearchParams;
  /** the path as received, for <Resource> in errors */
  path: string;
  requestId: string;
  /** The chain a signed aws-chunked body must follow, when the request has one. */
  chunkSignatures?: ChunkSignatures;
}

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Splits "/bucket/key?query" without normalising "." or ".." segments (they are part of S3 keys). */
export function parseTarget(rawUrl: string): { path: string; bucket: string; key: string; query: URLSearchParams } {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  if (!path.startsWith('/')) throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  const rest = path.slice(1);
  const slash = rest.indexOf('/');
  const rawBucket = slash < 0 ? rest : rest.slice(0, slash);
  const rawKey = slash < 0 ? '' : rest.slice(slash + 1);
  try {
    return { path, bucket: decodeURIComponent(rawBucket), key: decodeURIComponent(rawKey), query };
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

export function userMetadata(req: IncomingMessage): Record<string, string> {
  // Names come from the request: `x-amz-meta-__proto__` is a name like any other, not Object's prototype.
  const out = Object.create(null) as Record<string, string>;
  let bytes = 0;
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const v = Array.isArray(value) ? value.join(',') : value;
    out[name.slice('x-amz-meta-'.length)] = v;
    bytes += Buffer.byteLength(name.slice('x-amz-meta-'.length)) + Buffer.byteLength(v);
  }
  if (bytes > 2048)
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, {
      Size: String(bytes),
      MaxSizeAllowed: '2048',
    });
  return out;
}

const STORED_HEADERS = ['content-disposition', 'cache-control', 'content-encoding', 'content-language', 'expires'];

/** Representation headers S3 stores with an object (aws-chunked is transport, not content, and is dropped). */
export function storedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let v = header(req, name);
    if (v === undefined) continue;
    if (name === 'content-encoding') {
      v = v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && s.toLowerCase() !== 'aws-chunked')
        .join(', ');
      if (!v) continue;
    }
    out[name] = v;
  }
  return out;
}

export const contentTypeOf = (req: IncomingMessage): string => header(req, 'content-type') ?? 'binary/octet-stream';

export function sendXml(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('Content-Length', Buffer.byteLength(xml));
  res.end(xml);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', '0');
  res.end();
}

/** Integer query parameter in [min, max] (values above max are capped, as S3 does for max-keys). */
export function intParam(query: URLSearchParams, name: string, def: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return def;
  if (!/^\d+$/.test(raw))
    throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, 400, { ArgumentName: name, ArgumentValue: raw });
  return Math.min(Number(raw), max);
}

const normEtag = (e: string) => e.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/** Does an If-Match / If-None-Match list match this ETag? */
export function etagMatches(list: string, etag: string): boolean {
  const want = normEtag(etag);
  return list.split(',').some((x) => x.trim() === '*' || normEtag(x) === want);
}

export const sameEtag = (a: string, b: string): boolean => normEtag(a) === normEtag(b);
