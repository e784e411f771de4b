// Single-object operations: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject.
import { pipeline } from 'node:stream/promises';
import { receiveBody, readSmallBody, MAX_PUT_SIZE } from './body.ts';
import { BodyHasher, checksumElement, checksumHeader, parseAlgorithm, type ChecksumAlgorithm } from './checksums.ts';
import { bucketArn, contentTypeOf, etagMatches, header, objectArn, sendEmpty, sendXml, storedHeaders, userMetadata, type Ctx } from './context.ts';
import { checkWrite, commitConditionally, writeConditions, type Engine } from './engine.ts';
import { errors, S3Error, toS3Error } from './errors.ts';
import { appendMetaAndSync, type StoredMeta } from './object-file.ts';
import { asObject, buildXml, parseXml, text } from './xml.ts';
import { deleteOneVersioned, deleteVersioned, findVersion, requestedLock, versionHeaders } from './ops-lock.ts';
import { newVersionId } from './versions.ts';

/** Response headers naming an object's checksums. */
export function checksumHeaders(m: Pick<StoredMeta, 'checksums' | 'checksumType'>): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [a, v] of Object.entries(m.checksums ?? {})) h[checksumHeader(a as ChecksumAlgorithm)] = v;
  if (Object.keys(h).length) h['x-amz-checksum-type'] = m.checksumType ?? 'FULL_OBJECT';
  return h;
}

export function checksumElements(checksums: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [a, v] of Object.entries(checksums ?? {})) out[checksumElement(a as ChecksumAlgorithm)] = v;
  return out;
}

export async function putObject(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key } = ctx;
  await engine.authorize(ctx, 's3:PutObject', objectArn(bucket, key));
  const cond = writeConditions(ctx);
  const before = engine.store.storedMeta(bucket, key);
  checkWrite(cond, before, key); // fail fast, before reading the body
  const versioned = await engine.versions.isVersioned(bucket);
  const lockAsked = await requestedLock(ctx, engine);
  const metadata = userMetadata(ctx.req);
  const headers = storedHeaders(ctx.req);
  const { path, fh } = await engine.store.tempFile();
  let committed = false;
  try {
    const body = await receiveBody(ctx.req, fh, { maxSize: MAX_PUT_SIZE, defaultAlgorithm: 'CRC64NVME', chunkSignatures: ctx.chunkSignatures });
    const meta: StoredMeta = {
      key,
      size: body.size,
      etag: body.etag,
      lastModified: new Date().toISOString(),
      contentType: contentTypeOf(ctx.req),
      metadata,
      headers,
      checksums: body.checksums,
      checksumType: 'FULL_OBJECT',
      ...(versioned ? { versionId: newVersionId() } : {}),
    };
    // A version's lock is written before the version itself: never a version that should be locked and is not.
    const lock = versioned ? await engine.versions.initialLock(bucket, lockAsked, Date.now()) : undefined;
    if (lock) await engine.versions.setLock(bucket, key, meta.versionId!, lock);
    await appendMetaAndSync(fh, body.size, meta);
    await fh.close();
    await commitConditionally(engine, bucket, key, cond, before, async () => {
      if (versioned) await engine.versions.archiveCurrent(bucket, key);
      await engine.store.commit(bucket, key, path, meta);
      committed = true;
    });
    sendEmpty(ctx.res, 200, { ETag: meta.etag, ...checksumHeaders(meta), ...(await versionHeaders(engine, bucket, meta)) });
    engine.emitCreated(bucket, meta);
  } finally {
    await fh.close().catch(() => undefined);
    if (!committed) await engine.store.discard(path);
  }
}

type Range = { start: number; end: number };

/** Parses a single byte range; undefined = ignore the header (absent, multi-range or not a byte range). */
function parseRange(value: string | undefined, size: number): Range | undefined {
  if (!value) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(value);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const unsatisfiable = () => {
    const e = new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: value, ActualObjectSize: String(size) });
    e.headers['Content-Range'] = `bytes */${size}`;
    return e;
  };
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined; // syntactically invalid: ignored, as HTTP says
  if (start >= size) throw unsatisfiable();
  const last = m[2] === '' ? size - 1 : Number(m[2]);
  return { start, end: Math.min(last, size - 1) };
}

/** GET/HEAD preconditions: undefined (go on), 304 or 412. */
function readPrecondition(ctx: Ctx, m: StoredMeta): 304 | 412 | undefined {
  const lastModSec = Math.floor(Date.parse(m.lastModified) / 1000);
  const date = (name: string) => {
    const v = header(ctx.req, name);
    const t = v === undefined ? NaN : Date.parse(v);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  };
  const ifMatch = header(ctx.req, 'if-match');
  const ifNoneMatch = header(ctx.req, 'if-none-match');
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, m.etag)) return 412;
  } else {
    const d = date('if-unmodified-since');
    if (d !== undefined && lastModSec > d) return 412;
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, m.etag)) return 304;
  } else {
    const d = date('if-modified-since');
    if (d !== undefined && lastModSec <= d) return 304;
  }
  return undefined;
}

const OVERRIDES: Record<string, string> = {
  'response-content-type': 'Content-Type',
  'response-content-language': 'Content-Language',
  'response-expires': 'Expires',
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
};

export async function getObject(ctx: Ctx, engine: Engine, head: boolean): Promise<void> {
  const { bucket, key, res } = ctx;
  const versionId = ctx.query.get('versionId');
  await engine.authorize(ctx, versionId === null ? 's3:GetObject' : 's3:GetObjectVersion', objectArn(bucket, key));
  let opened: Awaited<ReturnType<typeof engine.store.openObject>>;
  if (versionId === null || versionId === 'null') opened = await engine.store.openObject(bucket, key);
  else {
    const found = await findVersion(engine, bucket, key, versionId);
    if (found.meta.deleteMarker) {
      const e = errors.methodNotAllowed(ctx.method);
      e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': versionId };
      throw e;
    }
    opened = found.current
      ? await engine.store.openObject(bucket, key)
      : await engine.store.openPath(engine.versions.versionPath(bucket, key, versionId), key);
  }
  if (!opened) {
    const e = errors.noSuchKey(key);
    if (await engine.versions.isVersioned(bucket)) {
      const newest = (await engine.versions.noncurrent(bucket, key)).at(-1);
      if (newest?.deleteMarker) e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': newest.versionId! };
    }
    throw e;
  }
  const { meta } = opened;
  let streaming = false;
  try {
    const base: Record<string, string> = { ETag: meta.etag, 'Last-Modified': new Date(meta.lastModified).toUTCString() };
    const pre = readPrecondition(ctx, meta);
    if (pre === 304) return sendEmpty(res, 304, base);
    if (pre === 412) throw errors.preconditionFailed(header(ctx.req, 'if-match') !== undefined ? 'If-Match' : 'If-Unmodified-Since');

    let range: Range | undefined;
    const partParam = ctx.query.get('partNumber');
    const parts = meta.parts ?? [meta.size];
    if (partParam !== null) {
      const n = /^\d+$/.test(partParam) ? Number(partParam) : NaN;
      if (!(n >= 1 && n <= 10000))
        throw errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', partParam);
      if (n > parts.length)
        throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
          PartNumberRequested: partParam,
          ActualPartCount: String(parts.length),
        });
      const start = parts.slice(0, n - 1).reduce((a, b) => a + b, 0);
      range = { start, end: start + parts[n - 1]! - 1 };
    } else {
      range = parseRange(header(ctx.req, 'range'), meta.size);
    }

    const h: Record<string, string> = { ...base, 'Accept-Ranges': 'bytes', 'Content-Type': meta.contentType };
    for (const [k, v] of Object.entries(meta.headers ?? {})) h[k] = v;
    for (const [k, v] of Object.entries(meta.metadata)) h[`x-amz-meta-${k}`] = v;
    if (meta.partsCount) h['x-amz-mp-parts-count'] = String(meta.partsCount);
    Object.assign(h, await versionHeaders(engine, bucket, meta));
    // Full-object checksums only on whole-object reads, and only when asked (as S3 does).
    if (!range && header(ctx.req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') Object.assign(h, checksumHeaders(meta));
    for (const [q, name] of Object.entries(OVERRIDES)) {
      const v = ctx.query.get(q);
      if (v === null) continue;
      // A header value is Latin-1 text without control characters; anything else cannot be sent (and CR/LF would split the response).
      if (/[^\t\x20-\x7e\x80-\xff]/.test(v)) throw errors.invalidArgument(`Header value cannot be represented using ISO-8859-1.`, q, v.slice(0, 256));
      h[name] = v;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? meta.size - 1;
    const length = end - start + 1;
    if (range) h['Content-Range'] = `bytes ${start}-${end}/${meta.size}`;
    h['Content-Length'] = String(Math.max(0, length));
    res.statusCode = range ? 206 : 200;
    for (const [k, v] of Object.entries(h)) res.setHeader(k, v);
    if (head || length <= 0) {
      res.end();
      return;
    }
    streaming = true;
    await pipeline(opened.stream(start, end), res);
  } finally {
    if (!streaming) await opened.close();
  }
}

export async function deleteObject(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key } = ctx;
  const versioned = await engine.versions.isVersioned(bucket);
  await engine.authorize(ctx, ctx.query.get('versionId') === null ? 's3:DeleteObject' : 's3:DeleteObjectVersion', objectArn(bucket, key));
  if (versioned) {
    if (header(ctx.req, 'if-match') !== undefined) throw errors.notImplemented('If-Match on DeleteObject in a versioned bucket');
    return deleteVersioned(ctx, engine);
  }
  if (ctx.query.has('versionId') && ctx.query.get('versionId') !== 'null') throw errors.notImplemented('?versionId in a bucket without versioning');
  const ifMatch = header(ctx.req, 'if-match');
  let existed = false;
  await engine.locks.run(engine.lockName(bucket, key), async () => {
    const current = engine.store.storedMeta(bucket, key);
    if (ifMatch !== undefined) {
      if (!current) throw errors.noSuchKey(key);
      if (!etagMatches(ifMatch, current.etag)) throw errors.preconditionFailed('If-Match');
    }
    existed = await engine.store.remove(bucket, key);
  });
  sendEmpty(ctx.res, 204);
  if (existed) engine.emitRemoved(bucket, key);
}

/** S3's limit on the keys of one DeleteObjects request. */
export const MAX_DELETE_KEYS = 1000;
/** Room for MAX_DELETE_KEYS keys of the longest (1,024 bytes), with XML escaping to spare. */
const MAX_DELETE_BODY = 2 * 1024 * 1024;
/** <Delete>, <Quiet>, and per <Object> its <Key>, <VersionId>, <ETag>, <LastModifiedTime> and <Size>. */
const MAX_DELETE_ELEMENTS = 2 + 6 * MAX_DELETE_KEYS;

export async function deleteObjects(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, req } = ctx;
  // A caller who may delete nothing is refused before its body is read (S3 would read it and refuse each key).
  engine.screen(ctx, 's3:DeleteObject');
  const versioned = await engine.versions.isVersioned(bucket);
  const hasIntegrity =
    header(req, 'content-md5') !== undefined ||
    Object.keys(req.headers).some((h) => h.startsWith('x-amz-checksum-')) ||
    header(req, 'x-amz-trailer') !== undefined;
  if (!hasIntegrity) throw errors.invalidRequest('Missing required header for this request: Content-MD5');
  const doc = parseXml(await readSmallBody(req, MAX_DELETE_BODY, { chunkSignatures: ctx.chunkSignatures }), { maxElements: MAX_DELETE_ELEMENTS });
  const del = asObject(doc['Delete']);
  if (!del) throw errors.malformedXml('expected <Delete>');
  const quiet = text(del['Quiet'])?.trim().toLowerCase() === 'true';
  const objects = Array.isArray(del['Object']) ? (del['Object'] as unknown[]) : [];
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS)
    throw errors.malformedXml(`between 1 and ${MAX_DELETE_KEYS} <Object> elements are required`);
  const deleted: Array<{ Key: string; VersionId?: string; DeleteMarker?: 'true'; DeleteMarkerVersionId?: string }> = [];
  const failed: { Key: string; VersionId?: string; Code: string; Message: string }[] = [];
  for (const o of objects) {
    const key = text(asObject(o)?.['Key']);
    if (key === undefined) throw errors.malformedXml('<Object> without <Key>');
    const versionId = text(asObject(o)?.['VersionId']) ?? null;
    try {
      if (key === '') throw new S3Error('UserKeyMustBeSpecified', 'The request specified a blank key.', 400);
      await engine.authorize(ctx, versioned && versionId !== null ? 's3:DeleteObjectVersion' : 's3:DeleteObject', objectArn(bucket, key));
      if (versioned) {
        // As DeleteObject in a versioned bucket: a delete marker, or that version unless Object Lock protects it.
        const done = await deleteOneVersioned(ctx, engine, key, versionId);
        deleted.push({
          Key: key,
          ...(done.versionId ? { VersionId: done.versionId } : {}),
          ...(done.deleteMarkerVersionId ? { DeleteMarker: 'true' as const, DeleteMarkerVersionId: done.deleteMarkerVersionId } : {}),
        });
        continue;
      }
      if (versionId !== null && versionId !== 'null') throw errors.notImplemented('<VersionId> in a bucket without versioning');
      let existed = false;
      await engine.locks.run(engine.lockName(bucket, key), async () => {
        existed = await engine.store.remove(bucket, key);
      });
      if (existed) engine.emitRemoved(bucket, key);
      deleted.push({ Key: key });
    } catch (e) {
      const s3e = toS3Error(e);
      failed.push({ Key: key, ...(versionId !== null ? { VersionId: versionId } : {}), Code: s3e.code, Message: s3e.message });
    }
  }
  sendXml(ctx.res, 200, buildXml('DeleteResult', { ...(quiet ? {} : { Deleted: deleted }), Error: failed }));
}

function parseCopySource(raw: string): { bucket: string; key: string } {
  let v = raw.trim();
  const q = v.indexOf('?');
  if (q >= 0) v = v.slice(0, q); // ?versionId=… : the stand-in keeps one version
  if (v.startsWith('/')) v = v.slice(1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(v);
  } catch {
    throw errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', raw);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1)
    throw errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', raw);
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

function copySourcePrecondition(ctx: Ctx, m: StoredMeta): void {
  const ifMatch = header(ctx.req, 'x-amz-copy-source-if-match');
  const ifNoneMatch = header(ctx.req, 'x-amz-copy-source-if-none-match');
  const sec = (name: string) => {
    const v = header(ctx.req, name);
    const t = v === undefined ? NaN : Date.parse(v);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  };
  const lm = Math.floor(Date.parse(m.lastModified) / 1000);
  if (ifMatch !== undefined && !etagMatches(ifMatch, m.etag)) throw errors.preconditionFailed('x-amz-copy-source-If-Match');
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, m.etag)) throw errors.preconditionFailed('x-amz-copy-source-If-None-Match');
  const unmod = sec('x-amz-copy-source-if-unmodified-since');
  if (ifMatch === undefined && unmod !== undefined && lm > unmod) throw errors.preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  const mod = sec('x-amz-copy-source-if-modified-since');
  if (ifNoneMatch === undefined && mod !== undefined && lm <= mod) throw errors.preconditionFailed('x-amz-copy-source-If-Modified-Since');
}

export async function copyObject(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key, req } = ctx;
  const versioned = await engine.versions.isVersioned(bucket);
  if (
    versioned &&
    ['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold'].some((h) => header(req, h) !== undefined)
  )
    throw errors.notImplemented('Object Lock headers on CopyObject (the bucket’s default retention applies)');
  const rawSource = header(req, 'x-amz-copy-source')!;
  const sourceVersion = /[?&]versionId=([^&]*)/.exec(rawSource)?.[1];
  // The current version is what the stand-in copies; a named older one it does not (it would copy the wrong one).
  if (sourceVersion !== undefined && sourceVersion !== 'null') throw errors.notImplemented('x-amz-copy-source with a versionId');
  const src = parseCopySource(rawSource);
  if (!engine.store.hasBucket(src.bucket)) throw errors.noSuchBucket(src.bucket);
  await engine.authorize(ctx, 's3:GetObject', objectArn(src.bucket, src.key));
  await engine.authorize(ctx, 's3:PutObject', objectArn(bucket, key));
  const directive = (header(req, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  const cond = writeConditions(ctx);
  const before = engine.store.storedMeta(bucket, key);
  checkWrite(cond, before, key);

  const opened = await engine.store.openObject(src.bucket, src.key);
  if (!opened) throw errors.noSuchKey(src.key);
  const srcMeta = opened.meta;
  const { path, fh } = await engine.store.tempFile();
  let committed = false;
  try {
    copySourcePrecondition(ctx, srcMeta);
    if (src.bucket === bucket && src.key === key && directive === 'COPY') {
      throw errors.invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    if (srcMeta.size > MAX_PUT_SIZE)
      throw errors.invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_SIZE}`);
    const algo: ChecksumAlgorithm =
      parseAlgorithm(header(req, 'x-amz-checksum-algorithm')) ??
      (Object.keys(srcMeta.checksums ?? {})[0] as ChecksumAlgorithm | undefined) ??
      'CRC64NVME';
    const hasher = await BodyHasher.create([algo]);
    let pos = 0;
    if (srcMeta.size > 0) {
      for await (const chunk of opened.stream(0, srcMeta.size - 1) as AsyncIterable<Buffer>) {
        hasher.update(chunk);
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off, pos + off)).bytesWritten;
        pos += chunk.length;
      }
    }
    const replace = directive === 'REPLACE';
    const meta: StoredMeta = {
      key,
      size: pos,
      etag: `"${hasher.md5Bytes().toString('hex')}"`,
      lastModified: new Date().toISOString(),
      contentType: replace ? contentTypeOf(req) : srcMeta.contentType,
      metadata: replace ? userMetadata(req) : { ...srcMeta.metadata },
      headers: replace ? storedHeaders(req) : { ...(srcMeta.headers ?? {}) },
      checksums: hasher.checksums(),
      checksumType: 'FULL_OBJECT',
      ...(versioned ? { versionId: newVersionId() } : {}),
    };
    // Into a versioned bucket: a new version, under the bucket's default retention (its lock written first, as PutObject does).
    const lock = versioned ? await engine.versions.initialLock(bucket, {}, Date.now()) : undefined;
    if (lock) await engine.versions.setLock(bucket, key, meta.versionId!, lock);
    await appendMetaAndSync(fh, pos, meta);
    await fh.close();
    await commitConditionally(engine, bucket, key, cond, before, async () => {
      if (versioned) await engine.versions.archiveCurrent(bucket, key);
      await engine.store.commit(bucket, key, path, meta);
      committed = true;
    });
    sendXml(
      ctx.res,
      200,
      buildXml('CopyObjectResult', {
        ETag: meta.etag,
        LastModified: meta.lastModified,
        ...checksumElements(meta.checksums),
        ChecksumType: 'FULL_OBJECT',
      }),
      {
        ...checksumHeaders(meta),
        ...(await versionHeaders(engine, bucket, meta)),
        ...(srcMeta.versionId ? { 'x-amz-copy-source-version-id': srcMeta.versionId } : {}),
      },
    );
    engine.emitCreated(bucket, meta);
  } finally {
    await opened.close();
    await fh.close().catch(() => undefined);
    if (!committed) await engine.store.discard(path);
  }
}

export { bucketArn };
