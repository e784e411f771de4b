/**
 * The CDN origin: what CloudFront serves to viewers. GET/HEAD only, on its own port.
 * - `catalog/…` always (the public index of published clips);
 * - `keys/provenance-jwks.json` and `keys/audit-seal-jwks.json` always (the public keys of the clips'
 *   provenance manifests and of the audit log's seals);
 * - `media/<id>/…` only while the clip is listed by the one rule (src/contract/publication-window.ts:
 *   published, ready, inside its `publishAt`/`unpublishAt` window at the server's time; on AWS a
 *   CloudFront Function checks a KeyValueStore kept in step with video.json); here the record's
 *   publication facts are cached (invalidated by the S3 engine's object events) and the window is
 *   checked on every request against `now()`, so an embargo ends without anyone acting;
 * - `preview/media/<id>/…`: the same files, drafts too, to signed requests only (preview-gate.ts);
 * - nothing else (`uploads/`, `index/`, unknown paths → 404).
 * With content types, Range (206/416), ETag/Last-Modified and conditional 304, CORS and cache headers.
 *
 * Failover (the AWS origin group, infra/lib/cdn.ts): with `replicaDir` (a copy of a stand-in data
 * folder, e.g. `INE_CDN_REPLICA_DIR`), a request whose primary read fails (an I/O error, which
 * CloudFront would see as a 5xx or a timeout) is answered from the replica instead. A plain miss
 * (404) does not fail over, as on AWS. The replica is opened on its first use.
 */
import type { KeyObject } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { isListedAt, type PublicationFacts } from '../../src/contract/publication-window.ts';
import { DiskStore } from '../s3/store.ts';
import type { ObjectMeta, ObjectStore } from '../s3/types.ts';
import { cacheControlFor, compressible, contentTypeFor } from './content.ts';
import { PROVENANCE_JWKS_PATH } from '../../src/contract/provenance.js';
import { AUDIT_SEAL_JWKS_PATH } from '../../core/audit/entry.ts';
import { checkPreview, previewedPath } from './preview-gate.ts';

export interface CdnOptions {
  store: ObjectStore;
  bucket: string;
  events: EventEmitter;
  log?: (m: string) => void;
  /** Data folder of the failover origin (same layout as the stand-in's data folder). */
  replicaDir?: string;
  /** The server's time in ms (default `Date.now`); what the viewer's clock says plays no part. */
  /** Public keys trusted for the signed preview path, by key pair id; none: the path refuses everything. */
  previewKeys?: ReadonlyMap<string, KeyObject>;
  now?: () => number;
}

const MEDIA_RECORD = /^media\/([^/]+)\/video\.json$/;

function setCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Range, If-None-Match, If-Modified-Since, If-Range');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, ETag, Accept-Ranges, Last-Modified');
  res.setHeader('Timing-Allow-Origin', '*');
}

function forbidden(res: ServerResponse, method: string, reason: string): void {
  res.statusCode = 403;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(method === 'HEAD' ? undefined : `Access denied: ${reason}\n`);
}

function notFound(res: ServerResponse, method: string): void {
  res.statusCode = 404;
  // Not cached, so a clip published a moment later is served at once (CloudFront caches errors 10 s).
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(method === 'HEAD' ? undefined : 'Not found\n');
}

/** The object key for a CDN path, or undefined when the path is not servable at all. */
export function keyForPath(rawPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith('/')) return undefined;
  const key = path.slice(1);
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return undefined;
  if (segments[0] === 'catalog' && segments.length >= 2) return key;
  if (segments[0] === 'media' && segments.length >= 3) return key;
  if (key === PROVENANCE_JWKS_PATH) return key; // the provenance keys (docs/integrity-provenance.md)
  if (key === AUDIT_SEAL_JWKS_PATH) return key; // the audit seal keys (docs/integrity.md)
  return undefined;
}

function etagMatches(header: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/** Single byte range per RFC 9110; undefined = serve whole; 'unsatisfiable' = 416. */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // multi-range or malformed: ignore, send 200
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

export function createCdn(opts: CdnOptions) {
  const now = opts.now ?? Date.now;
  // Publication facts per origin: the replica may lag the primary.
  const decisions = new Map<ObjectStore, Map<string, Promise<PublicationFacts>>>();
  let replica: Promise<ObjectStore> | undefined;
  const openReplica = (dir: string) =>
    (replica ??= DiskStore.open(dir, []).catch((e: unknown) => {
      replica = undefined;
      throw e;
    }));

  const onChange = (e: { bucket: string; key: string }) => {
    if (e.bucket !== opts.bucket) return;
    const m = MEDIA_RECORD.exec(e.key);
    if (m) for (const published of decisions.values()) published.delete(m[1]!);
  };
  opts.events.on('object-created', onChange);
  opts.events.on('object-removed', onChange);

  async function readPublished(store: ObjectStore, id: string): Promise<PublicationFacts> {
    const got = await store.read(opts.bucket, `media/${id}/video.json`);
    if (!got) return {};
    const chunks: Buffer[] = [];
    for await (const c of got.stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
    try {
      const r = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PublicationFacts;
      return { published: r.published, status: r.status, metadata: { publishAt: r.metadata?.publishAt, unpublishAt: r.metadata?.unpublishAt } };
    } catch {
      return {};
    }
  }

  async function isPublished(store: ObjectStore, id: string): Promise<boolean> {
    return isListedAt(await factsOf(store, id), now());
  }

  function factsOf(store: ObjectStore, id: string): Promise<PublicationFacts> {
    let published = decisions.get(store);
    if (!published) decisions.set(store, (published = new Map()));
    let p = published.get(id);
    if (!p) {
      p = readPublished(store, id).catch((e: unknown) => {
        published.delete(id);
        throw e;
      });
      published.set(id, p);
    }
    return p;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, store: ObjectStore): Promise<void> {
    const method = req.method ?? 'GET';
    setCors(res);
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Access-Control-Max-Age', '86400');
      return void res.end();
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      return void res.end();
    }
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0]!;
    const previewed = previewedPath(rawPath);
    if (previewed !== undefined) {
      const key = keyForPath(previewed);
      if (!key?.startsWith('media/')) return notFound(res, method);
      const check = checkPreview(req, opts.previewKeys ?? new Map(), (opts.now ?? Date.now)());
      if (!check.ok) return forbidden(res, method, check.reason);
      const meta = await store.head(opts.bucket, key);
      if (!meta) return notFound(res, method);
      // A draft may change: kept by nobody but the admin's browser, and only briefly.
      return send(req, res, method, key, meta, store, 'private, max-age=60');
    }
    const key = keyForPath(rawPath);
    if (!key) return notFound(res, method);
    if (key.startsWith('media/') && !(await isPublished(store, key.split('/')[1]!))) return notFound(res, method);
    const meta = await store.head(opts.bucket, key);
    if (!meta) return notFound(res, method);
    await send(req, res, method, key, meta, store);
  }

  async function send(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    key: string,
    meta: ObjectMeta,
    store: ObjectStore,
    cacheControl = cacheControlFor(key),
  ): Promise<void> {
    const gzip = compressible(key) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && !req.headers.range && meta.size > 256;
    const etag = gzip ? `W/${meta.etag}` : meta.etag;
    res.setHeader('Content-Type', contentTypeFor(key, meta.contentType));
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', meta.lastModified.toUTCString());
    res.setHeader('Accept-Ranges', 'bytes');
    if (compressible(key)) res.setHeader('Vary', 'Accept-Encoding');

    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const ifRangeRaw = req.headers['if-range'];
    const ifRange = Array.isArray(ifRangeRaw) ? ifRangeRaw[0] : ifRangeRaw;
    const notModified =
      inm !== undefined
        ? etagMatches(inm, meta.etag)
        : ims !== undefined && Math.floor(meta.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
    if (notModified) {
      res.statusCode = 304;
      return void res.end();
    }

    let range: ReturnType<typeof parseRange>;
    if (
      req.headers.range &&
      (ifRange === undefined || etagMatches(ifRange, meta.etag) || Date.parse(ifRange) >= Math.floor(meta.lastModified.getTime() / 1000) * 1000)
    ) {
      range = parseRange(req.headers.range, meta.size);
    }
    if (range === 'unsatisfiable') {
      res.statusCode = 416;
      res.setHeader('Content-Range', `bytes */${meta.size}`);
      res.setHeader('Cache-Control', 'no-store');
      return void res.end();
    }
    if (range) {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${meta.size}`);
      res.setHeader('Content-Length', range.end - range.start + 1);
    } else {
      res.statusCode = 200;
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      else res.setHeader('Content-Length', meta.size);
    }
    if (method === 'HEAD' || meta.size === 0) return void res.end();
    const got = await store.read(opts.bucket, key, range ?? undefined);
    if (!got) return notFound(res, method);
    await (gzip ? pipeline(got.stream, createGzip(), res) : pipeline(got.stream, res));
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        try {
          await serve(req, res, opts.store);
        } catch (e) {
          if (!opts.replicaDir || res.headersSent) throw e;
          opts.log?.(`cdn: primary failed (${(e as Error).message}), failing over to the replica`);
          for (const h of res.getHeaderNames()) res.removeHeader(h);
          await serve(req, res, await openReplica(opts.replicaDir));
        }
      } catch (e) {
        opts.log?.(`cdn: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) {
          res.statusCode = 502;
          res.end();
        } else res.destroy();
      }
    },
    close(): void {
      opts.events.off('object-created', onChange);
      opts.events.off('object-removed', onChange);
      decisions.clear();
    },
  };
}
