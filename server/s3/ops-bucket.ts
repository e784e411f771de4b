// Bucket-level operations: ListObjectsV2 (and V1), ListBuckets, HeadBucket, GetBucketLocation, CreateBucket,
// ListMultipartUploads.
import { bucketArn, header, intParam, sendEmpty, sendXml, type Ctx } from './context.ts';
import type { Engine } from './engine.ts';
import { errors, S3Error } from './errors.ts';
import { compareKeys, lowerBound } from './key-order.ts';
import { isValidBucketName } from './store.ts';
import { buildXml } from './xml.ts';

export const OWNER = { ID: '0000000000000000000000000000000000000000000000000000000000000001', DisplayName: 'ine-local' };

interface Page {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  /** the last key or common prefix returned, where the next page resumes */
  last?: { value: string; isPrefix: boolean };
}

/** One page of a listing over sorted keys: keys after `after` (skipping a whole common prefix when it is one). */
export function listPage(
  sorted: string[],
  o: { prefix: string; delimiter: string; after?: { value: string; isPrefix: boolean }; maxKeys: number },
): Page {
  const page: Page = { keys: [], prefixes: [], truncated: false };
  let i = lowerBound(sorted, o.prefix, true);
  if (o.after) i = Math.max(i, lowerBound(sorted, o.after.value, false));
  let count = 0;
  while (i < sorted.length) {
    const k = sorted[i]!;
    if (!k.startsWith(o.prefix)) break; // keys are sorted: past the prefix's range
    if (o.after?.isPrefix && k.startsWith(o.after.value)) {
      i++;
      continue;
    }
    const d = o.delimiter ? k.indexOf(o.delimiter, o.prefix.length) : -1;
    const item = d >= 0 ? { value: k.slice(0, d + o.delimiter.length), isPrefix: true } : { value: k, isPrefix: false };
    if (count === o.maxKeys) {
      page.truncated = true;
      break;
    }
    if (item.isPrefix) page.prefixes.push(item.value);
    else page.keys.push(item.value);
    page.last = item;
    count++;
    i++;
    if (item.isPrefix) while (i < sorted.length && sorted[i]!.startsWith(item.value)) i++;
  }
  return page;
}

const encodeToken = (last: { value: string; isPrefix: boolean }) => Buffer.from(JSON.stringify([last.value, last.isPrefix])).toString('base64url');

function decodeToken(token: string): { value: string; isPrefix: boolean } {
  try {
    const [value, isPrefix] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof value === 'string' && typeof isPrefix === 'boolean') return { value, isPrefix };
  } catch {
    // fall through
  }
  throw errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
}

function encoder(ctx: Ctx): (s: string) => string {
  const et = ctx.query.get('encoding-type');
  if (et === null) return (s) => s;
  if (et !== 'url') throw errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', et);
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

async function authorizeList(ctx: Ctx, engine: Engine): Promise<void> {
  const conditions: Record<string, string> = {};
  for (const [q, c] of [
    ['prefix', 's3:prefix'],
    ['delimiter', 's3:delimiter'],
    ['max-keys', 's3:max-keys'],
  ] as const) {
    const v = ctx.query.get(q);
    if (v !== null) conditions[c] = v;
  }
  await engine.authorize(ctx, 's3:ListBucket', bucketArn(ctx.bucket), conditions);
}

export async function listObjects(ctx: Ctx, engine: Engine, v2: boolean): Promise<void> {
  await authorizeList(ctx, engine);
  const q = ctx.query;
  const enc = encoder(ctx);
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeys = intParam(q, 'max-keys', 1000, 1000);
  const token = v2 ? q.get('continuation-token') : null;
  const startAfter = v2 ? q.get('start-after') : null;
  const marker = v2 ? null : q.get('marker');
  let after: { value: string; isPrefix: boolean } | undefined;
  if (token !== null) after = decodeToken(token);
  else if (startAfter) after = { value: startAfter, isPrefix: false };
  else if (marker) after = { value: marker, isPrefix: !!delimiter && marker.endsWith(delimiter) };

  const sorted = engine.store.sortedKeys(ctx.bucket);
  const page = listPage(sorted, { prefix, delimiter, after, maxKeys });
  const contents = page.keys.flatMap((k) => {
    const m = engine.store.storedMeta(ctx.bucket, k);
    if (!m) return [];
    const algos = Object.keys(m.checksums ?? {});
    return [
      {
        Key: enc(k),
        LastModified: m.lastModified,
        ETag: m.etag,
        ...(algos.length ? { ChecksumAlgorithm: algos, ChecksumType: m.checksumType ?? 'FULL_OBJECT' } : {}),
        Size: m.size,
        StorageClass: 'STANDARD',
        ...(!v2 || q.get('fetch-owner') === 'true' ? { Owner: OWNER } : {}),
      },
    ];
  });
  const common = page.prefixes.map((p) => ({ Prefix: enc(p) }));
  const body: Record<string, unknown> = {
    Name: ctx.bucket,
    Prefix: enc(prefix),
    ...(v2 ? {} : { Marker: enc(marker ?? '') }),
    ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
    MaxKeys: maxKeys,
    ...(q.get('encoding-type') ? { EncodingType: 'url' } : {}),
    ...(v2 ? { KeyCount: page.keys.length + page.prefixes.length } : {}),
    IsTruncated: page.truncated,
    ...(v2 && token !== null ? { ContinuationToken: token } : {}),
    ...(v2 && page.truncated && page.last ? { NextContinuationToken: encodeToken(page.last) } : {}),
    ...(v2 && startAfter ? { StartAfter: enc(startAfter) } : {}),
    ...(!v2 && page.truncated && delimiter && page.last ? { NextMarker: enc(page.last.value) } : {}),
    Contents: contents,
    CommonPrefixes: common,
  };
  sendXml(ctx.res, 200, buildXml('ListBucketResult', body));
}

export async function listBuckets(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:ListAllMyBuckets', 'arn:aws:s3:::*');
  const Bucket = engine.store
    .bucketNames()
    .map((Name) => ({ Name, CreationDate: engine.store.bucketCreated(Name).toISOString(), BucketRegion: engine.region }));
  sendXml(ctx.res, 200, buildXml('ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket } }));
}

export async function headBucket(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:ListBucket', bucketArn(ctx.bucket), {});
  sendEmpty(ctx.res, 200, { 'x-amz-bucket-region': engine.region });
}

export async function getBucketLocation(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:GetBucketLocation', bucketArn(ctx.bucket), {});
  const region = engine.region === 'us-east-1' ? '' : engine.region;
  sendXml(ctx.res, 200, buildXml('LocationConstraint', { '#text': region }));
}

export async function createBucket(ctx: Ctx, engine: Engine): Promise<void> {
  if (!isValidBucketName(ctx.bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: ctx.bucket });
  await engine.authorize(ctx, 's3:CreateBucket', bucketArn(ctx.bucket), {});
  ctx.req.resume(); // CreateBucketConfiguration (the region) is accepted and ignored
  if (engine.store.hasBucket(ctx.bucket)) {
    throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, {
      BucketName: ctx.bucket,
    });
  }
  await engine.store.createBucket(ctx.bucket);
  // Object Lock chosen at creation turns versioning on with it, as on S3.
  if (header(ctx.req, 'x-amz-bucket-object-lock-enabled')?.toLowerCase() === 'true')
    await engine.versions.setConfig(ctx.bucket, { versioning: 'Enabled', objectLock: { enabled: true } });
  sendEmpty(ctx.res, 200, { Location: `/${ctx.bucket}` });
}

export async function listMultipartUploads(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:ListBucketMultipartUploads', bucketArn(ctx.bucket), {});
  const q = ctx.query;
  const enc = encoder(ctx);
  const prefix = q.get('prefix') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const uploadIdMarker = q.get('upload-id-marker') ?? '';
  const max = intParam(q, 'max-uploads', 1000, 1000);
  let all = (await engine.uploads.list(ctx.bucket)).filter((u) => u.key.startsWith(prefix));
  if (keyMarker) {
    const at = uploadIdMarker ? all.findIndex((u) => u.key === keyMarker && u.uploadId === uploadIdMarker) : -1;
    all = at >= 0 ? all.slice(at + 1) : all.filter((u) => compareKeys(u.key, keyMarker) > 0);
  }
  const page = all.slice(0, max);
  const truncated = all.length > page.length;
  const last = page[page.length - 1];
  const body = {
    Bucket: ctx.bucket,
    KeyMarker: enc(keyMarker),
    UploadIdMarker: uploadIdMarker,
    ...(truncated && last ? { NextKeyMarker: enc(last.key), NextUploadIdMarker: last.uploadId } : {}),
    Prefix: enc(prefix),
    MaxUploads: max,
    ...(q.get('encoding-type') ? { EncodingType: 'url' } : {}),
    IsTruncated: truncated,
    Upload: page.map((u) => ({
      Key: enc(u.key),
      UploadId: u.uploadId,
      Initiator: { ID: u.initiator.id, DisplayName: u.initiator.id },
      Owner: OWNER,
      StorageClass: 'STANDARD',
      Initiated: u.initiated,
      ...(u.checksumAlgorithm ? { ChecksumAlgorithm: u.checksumAlgorithm, ChecksumType: u.checksumType } : {}),
    })),
  };
  sendXml(ctx.res, 200, buildXml('ListMultipartUploadsResult', body));
}
