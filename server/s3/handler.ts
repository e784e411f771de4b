// Routes one path-style S3 request to its operation and turns every failure into an S3-shaped XML error.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, parseTarget, sendXml, type Ctx } from './context.ts';
import { applyCors, preflight } from './cors.ts';
import type { Engine } from './engine.ts';
import { errors, S3Error, toS3Error } from './errors.ts';
import { createBucket, getBucketLocation, headBucket, listBuckets, listMultipartUploads, listObjects } from './ops-bucket.ts';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listParts, uploadPart } from './ops-multipart.ts';
import { copyObject, deleteObject, deleteObjects, getObject, putObject } from './ops-object.ts';
import {
  getBucketVersioning,
  getObjectLegalHold,
  getObjectLockConfiguration,
  getObjectRetention,
  listObjectVersions,
  putBucketVersioning,
  putObjectLegalHold,
  putObjectLockConfiguration,
  putObjectRetention,
} from './ops-lock.ts';
import { isValidBucketName } from './store.ts';
import type { ChunkSignatures, S3Principal } from './types.ts';
import { buildXml } from './xml.ts';

// Subresources real S3 has and the stand-in does not implement: answered with NotImplemented, never ignored.
const UNSUPPORTED = [
  'acl',
  'tagging',
  'torrent',
  'attributes',
  'restore',
  'select',
  'cors',
  'policy',
  'policyStatus',
  'lifecycle',
  'website',
  'notification',
  'replication',
  'encryption',
  'logging',
  'ownershipControls',
  'publicAccessBlock',
  'accelerate',
  'requestPayment',
  'analytics',
  'metrics',
  'inventory',
  'intelligent-tiering',
  'versionId',
  'renameObject',
  'session',
  'uploadPartCopy',
];

const LOCK_SUBRESOURCES = ['retention', 'legal-hold'];

const requestIds = new WeakMap<ServerResponse, string>();

function newRequestId(res: ServerResponse): string {
  let id = requestIds.get(res);
  if (!id) {
    id = randomBytes(8).toString('hex').toUpperCase();
    requestIds.set(res, id);
    if (!res.headersSent) {
      res.setHeader('x-amz-request-id', id);
      res.setHeader('x-amz-id-2', randomBytes(24).toString('base64'));
    }
  }
  return id;
}

export class S3Handler {
  constructor(private readonly engine: Engine) {}

  async handle(req: IncomingMessage, res: ServerResponse, principal: S3Principal | null, chunkSignatures?: ChunkSignatures): Promise<void> {
    const requestId = newRequestId(res);
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') return this.preflight(req, res);
      applyCors(this.engine.cors, req, res);
      const target = parseTarget(req.url ?? '/');
      if (!principal) throw errors.accessDenied();
      const ctx: Ctx = { req, res, principal, method, requestId, ...target, ...(chunkSignatures ? { chunkSignatures } : {}) };
      await this.route(ctx);
    } catch (e) {
      this.sendError(req, res, e);
      // Refused before its body was all read (e.g. a bad chunk signature): read and discard the rest, so the client,
      // which sends its whole body before reading the answer, gets the answer and the connection stays usable.
      if (!req.complete && !req.destroyed) req.resume();
    }
  }

  private preflight(req: IncomingMessage, res: ServerResponse): void {
    if (!req.headers.origin || !req.headers['access-control-request-method']) {
      throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.', 400);
    }
    const h = preflight(this.engine.cors, req);
    req.resume();
    if (!h)
      throw new S3Error(
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        403,
        { Method: String(req.headers['access-control-request-method']), ResourceType: 'OBJECT' },
      );
    res.statusCode = 200;
    for (const [k, v] of Object.entries(h)) res.setHeader(k, v);
    res.setHeader('Content-Length', '0');
    res.end();
  }

  private async route(ctx: Ctx): Promise<void> {
    const { method, bucket, key, query, engine } = { ...ctx, engine: this.engine };
    if (bucket === '') {
      if (method === 'GET') return listBuckets(ctx, engine);
      throw errors.methodNotAllowed(method);
    }
    if (!isValidBucketName(bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
    // A version can be named where versions are implemented: reading, deleting, and a version's lock.
    const versionAware =
      key !== '' &&
      !query.has('uploadId') &&
      !query.has('partNumber') &&
      (method === 'GET' || method === 'HEAD' || method === 'DELETE' || LOCK_SUBRESOURCES.some((s) => query.has(s)));
    for (const sub of UNSUPPORTED)
      if (query.has(sub) && !(sub === 'versionId' && (versionAware || query.get(sub) === 'null'))) throw errors.notImplemented(`?${sub}`);
    if ([...LOCK_SUBRESOURCES, 'object-lock', 'versions', 'versioning'].some((s) => query.has(s)) && !engine.store.hasBucket(bucket))
      throw errors.noSuchBucket(bucket);
    if (key === '' && method === 'PUT' && query.has('versioning')) return putBucketVersioning(ctx, engine);
    if (key === '' && method === 'GET' && query.has('versioning')) return getBucketVersioning(ctx, engine);
    if (key === '' && method === 'PUT' && query.has('object-lock')) return putObjectLockConfiguration(ctx, engine);
    if (key === '' && method === 'GET' && query.has('object-lock')) return getObjectLockConfiguration(ctx, engine);
    if (key === '' && method === 'GET' && query.has('versions')) return listObjectVersions(ctx, engine);
    if (key !== '' && query.has('retention')) {
      if (method === 'PUT') return putObjectRetention(ctx, engine);
      if (method === 'GET') return getObjectRetention(ctx, engine);
    }
    if (key !== '' && query.has('legal-hold')) {
      if (method === 'PUT') return putObjectLegalHold(ctx, engine);
      if (method === 'GET') return getObjectLegalHold(ctx, engine);
    }
    for (const sub of [...LOCK_SUBRESOURCES, 'object-lock', 'versions', 'versioning'])
      if (query.has(sub)) throw errors.notImplemented(`?${sub} on this resource`);

    if (key === '') {
      if (method === 'PUT') return createBucket(ctx, engine);
      if (!engine.store.hasBucket(bucket)) throw errors.noSuchBucket(bucket);
      switch (method) {
        case 'GET':
          if (query.has('uploads')) return listMultipartUploads(ctx, engine);
          if (query.has('location')) return getBucketLocation(ctx, engine);
          return listObjects(ctx, engine, query.get('list-type') === '2');
        case 'HEAD':
          return headBucket(ctx, engine);
        case 'POST':
          if (query.has('delete')) return deleteObjects(ctx, engine);
          throw errors.notImplemented('POST object (browser form upload)');
        case 'DELETE':
          throw errors.notImplemented('DeleteBucket');
        default:
          throw errors.methodNotAllowed(method);
      }
    }

    if (!engine.store.hasBucket(bucket)) throw errors.noSuchBucket(bucket);
    if (Buffer.byteLength(key, 'utf8') > 1024)
      throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { Size: String(Buffer.byteLength(key)), MaxSizeAllowed: '1024' });
    const uploadId = query.has('uploadId');
    switch (method) {
      case 'GET':
        return uploadId ? listParts(ctx, engine) : getObject(ctx, engine, false);
      case 'HEAD':
        return getObject(ctx, engine, true);
      case 'PUT':
        if (uploadId || query.has('partNumber')) {
          if (header(ctx.req, 'x-amz-copy-source') !== undefined) throw errors.notImplemented('UploadPartCopy');
          return uploadPart(ctx, engine);
        }
        if (header(ctx.req, 'x-amz-copy-source') !== undefined) return copyObject(ctx, engine);
        return putObject(ctx, engine);
      case 'POST':
        if (query.has('uploads')) return createMultipartUpload(ctx, engine);
        if (uploadId) return completeMultipartUpload(ctx, engine);
        throw errors.notImplemented('this POST request');
      case 'DELETE':
        return uploadId ? abortMultipartUpload(ctx, engine) : deleteObject(ctx, engine);
      default:
        throw errors.methodNotAllowed(method);
    }
  }

  sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    const errno = (err as NodeJS.ErrnoException | undefined)?.code;
    // The client went away (reset, closed mid-body): nobody to answer, nothing to log.
    if (res.destroyed || req.socket?.destroyed || errno === 'ECONNRESET' || errno === 'ERR_STREAM_PREMATURE_CLOSE') {
      res.destroy();
      return;
    }
    const e = toS3Error(err);
    // One line: what failed and why (a stack trace of the stand-in's own code helps nobody reading a run).
    if (e.code === 'InternalError')
      console.error(`[s3] internal error on ${req.method} ${req.url?.split('?')[0] ?? ''}: ${err instanceof Error ? err.message : String(err)}`);
    if (res.headersSent) {
      // Failed mid-body: the only honest signal left is to cut the connection.
      res.destroy();
      return;
    }
    const requestId = newRequestId(res);
    applyCors(this.engine.cors, req, res);
    for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
    const path = (req.url ?? '/').split('?')[0]!;
    if ((req.method ?? '').toUpperCase() === 'HEAD') {
      res.statusCode = e.status;
      res.setHeader('Content-Length', '0');
      res.end();
      return;
    }
    const xml = buildXml(
      'Error',
      { Code: e.code, Message: e.message, ...e.extra, Resource: path, RequestId: requestId, HostId: res.getHeader('x-amz-id-2') ?? '' },
      { namespace: false },
    );
    sendXml(res, e.status, xml);
  }
}
