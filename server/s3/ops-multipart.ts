// Multipart uploads: Create, UploadPart, ListParts, Complete, Abort.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { receiveBody, readSmallBody, MAX_PUT_SIZE } from './body.ts';
import {
  BodyHasher,
  CHECKSUM_ALGORITHMS,
  checksumElement,
  checksumHeader,
  compositeChecksum,
  parseAlgorithm,
  type ChecksumAlgorithm,
} from './checksums.ts';
import { contentTypeOf, header, intParam, objectArn, sameEtag, sendEmpty, sendXml, storedHeaders, userMetadata, type Ctx } from './context.ts';
import { checkWrite, commitConditionally, writeConditions, type Engine } from './engine.ts';
import { errors, S3Error } from './errors.ts';
import { appendMetaAndSync, readMetaFromPath, type StoredMeta } from './object-file.ts';
import { OWNER } from './ops-bucket.ts';
import { checksumElements, checksumHeaders } from './ops-object.ts';
import { asObject, buildXml, parseXml, text } from './xml.ts';

const MAX_PARTS = 10000;
/** Room for MAX_PARTS parts, each with its number, ETag and a checksum (about 180 bytes as the SDK writes them). */
const MAX_COMPLETE_BODY = 4 * 1024 * 1024;
/** <CompleteMultipartUpload>, and per <Part> its <PartNumber>, <ETag> and up to five checksum elements. */
const MAX_COMPLETE_ELEMENTS = 1 + 8 * MAX_PARTS;

function partNumberOf(raw: string | null): number {
  const n = raw !== null && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PARTS))
    throw errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw ?? '');
  return n;
}

export async function createMultipartUpload(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key, req } = ctx;
  await engine.authorize(ctx, 's3:PutObject', objectArn(bucket, key));
  await engine.refuseVersioned(bucket, 'CreateMultipartUpload');
  const algorithm = parseAlgorithm(header(req, 'x-amz-checksum-algorithm'));
  const typeRaw = header(req, 'x-amz-checksum-type')?.toUpperCase();
  if (typeRaw !== undefined && typeRaw !== 'COMPOSITE' && typeRaw !== 'FULL_OBJECT')
    throw errors.invalidRequest(`Value for x-amz-checksum-type header is invalid.`);
  let checksumType = typeRaw as 'COMPOSITE' | 'FULL_OBJECT' | undefined;
  if (algorithm) {
    checksumType ??= algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE';
    if (algorithm === 'CRC64NVME' && checksumType === 'COMPOSITE')
      throw errors.invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
    if (algorithm.startsWith('SHA') && checksumType === 'FULL_OBJECT')
      throw errors.invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  } else if (checksumType) {
    throw errors.invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  }
  req.resume();
  const rec = await engine.uploads.create({
    bucket,
    key,
    contentType: contentTypeOf(req),
    metadata: userMetadata(req),
    headers: storedHeaders(req),
    ...(algorithm ? { checksumAlgorithm: algorithm, checksumType } : {}),
    initiator: { id: ctx.principal.identityId ?? ctx.principal.accessKeyId, role: ctx.principal.role },
  });
  const h: Record<string, string> = algorithm ? { 'x-amz-checksum-algorithm': algorithm, 'x-amz-checksum-type': checksumType! } : {};
  sendXml(ctx.res, 200, buildXml('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: rec.uploadId }), h);
}

export async function uploadPart(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key, req } = ctx;
  const partNumber = partNumberOf(ctx.query.get('partNumber'));
  const uploadId = ctx.query.get('uploadId') ?? '';
  await engine.authorize(ctx, 's3:PutObject', objectArn(bucket, key));
  const rec = await engine.uploads.get(bucket, key, uploadId);
  if (rec.checksumAlgorithm) {
    const sent = CHECKSUM_ALGORITHMS.find(
      (a) => header(req, checksumHeader(a)) !== undefined || (header(req, 'x-amz-trailer') ?? '').toLowerCase().includes(checksumHeader(a)),
    );
    if (sent && sent !== rec.checksumAlgorithm) {
      throw errors.invalidRequest(
        `Checksum Type mismatch occurred, expected checksum Type: ${rec.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${sent.toLowerCase()}`,
      );
    }
  }
  const { path, fh } = await engine.store.tempFile();
  let committed = false;
  try {
    const body = await receiveBody(req, fh, {
      maxSize: MAX_PUT_SIZE,
      alsoCompute: rec.checksumAlgorithm ? [rec.checksumAlgorithm] : [],
      chunkSignatures: ctx.chunkSignatures,
    });
    const meta: StoredMeta = {
      key: `part-${partNumber}`,
      size: body.size,
      etag: body.etag,
      lastModified: new Date().toISOString(),
      contentType: '',
      metadata: {},
      checksums: body.checksums,
    };
    await appendMetaAndSync(fh, body.size, meta);
    await fh.close();
    await engine.uploads.commitPart(bucket, uploadId, partNumber, path);
    committed = true;
    const h: Record<string, string> = { ETag: body.etag };
    for (const [a, v] of Object.entries(body.checksums)) h[checksumHeader(a as ChecksumAlgorithm)] = v;
    sendEmpty(ctx.res, 200, h);
  } finally {
    await fh.close().catch(() => undefined);
    if (!committed) await engine.store.discard(path);
  }
}

export async function listParts(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key } = ctx;
  const uploadId = ctx.query.get('uploadId') ?? '';
  await engine.authorize(ctx, 's3:ListMultipartUploadParts', objectArn(bucket, key));
  const rec = await engine.uploads.get(bucket, key, uploadId);
  const maxParts = intParam(ctx.query, 'max-parts', 1000, 1000);
  const marker = intParam(ctx.query, 'part-number-marker', 0, Number.MAX_SAFE_INTEGER);
  const all = (await engine.uploads.parts(bucket, uploadId)).filter((p) => p.partNumber > marker);
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  const body = {
    Bucket: bucket,
    Key: key,
    UploadId: uploadId,
    PartNumberMarker: marker,
    ...(page.length ? { NextPartNumberMarker: page[page.length - 1]!.partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: page.map((p) => ({ PartNumber: p.partNumber, LastModified: p.lastModified, ETag: p.etag, Size: p.size, ...checksumElements(p.checksums) })),
    Initiator: { ID: rec.initiator.id, DisplayName: rec.initiator.id },
    Owner: OWNER,
    StorageClass: 'STANDARD',
    ...(rec.checksumAlgorithm ? { ChecksumAlgorithm: rec.checksumAlgorithm, ChecksumType: rec.checksumType } : {}),
  };
  sendXml(ctx.res, 200, buildXml('ListPartsResult', body));
}

export async function abortMultipartUpload(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key } = ctx;
  const uploadId = ctx.query.get('uploadId') ?? '';
  await engine.authorize(ctx, 's3:AbortMultipartUpload', objectArn(bucket, key));
  await engine.locks.run(`upload\n${uploadId}`, async () => {
    await engine.uploads.get(bucket, key, uploadId);
    await engine.uploads.remove(bucket, uploadId);
  });
  sendEmpty(ctx.res, 204);
}

interface RequestedPart {
  partNumber: number;
  etag: string;
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

function parseCompleteBody(xml: string): RequestedPart[] {
  const doc = parseXml(xml, { maxElements: MAX_COMPLETE_ELEMENTS });
  const root = asObject(doc['CompleteMultipartUpload']);
  if (!root) throw errors.malformedXml('expected <CompleteMultipartUpload>');
  const parts = Array.isArray(root['Part']) ? (root['Part'] as unknown[]) : [];
  if (parts.length === 0) throw errors.malformedXml('you must specify at least one part');
  if (parts.length > MAX_PARTS) throw errors.malformedXml('too many parts');
  return parts.map((p) => {
    const o = asObject(p);
    const n = text(o?.['PartNumber'])?.trim();
    const etag = text(o?.['ETag'])?.trim();
    if (!o || n === undefined || etag === undefined) throw errors.malformedXml('each <Part> needs <PartNumber> and <ETag>');
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const a of CHECKSUM_ALGORITHMS) {
      const v = text(o[checksumElement(a)]);
      if (v !== undefined) checksums[a] = v.trim();
    }
    return { partNumber: partNumberOf(n), etag, checksums };
  });
}

export async function completeMultipartUpload(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, key, req } = ctx;
  const uploadId = ctx.query.get('uploadId') ?? '';
  await engine.authorize(ctx, 's3:PutObject', objectArn(bucket, key));
  await engine.uploads.get(bucket, key, uploadId); // NoSuchUpload before reading the body
  const requested = parseCompleteBody(await readSmallBody(req, MAX_COMPLETE_BODY, { chunkSignatures: ctx.chunkSignatures }));
  const cond = writeConditions(ctx);

  await engine.locks.run(`upload\n${uploadId}`, async () => {
    const rec = await engine.uploads.get(bucket, key, uploadId);
    for (let i = 1; i < requested.length; i++) {
      if (requested[i]!.partNumber <= requested[i - 1]!.partNumber) {
        throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, {
          UploadId: uploadId,
        });
      }
    }
    const stored = new Map((await engine.uploads.parts(bucket, uploadId)).map((p) => [p.partNumber, p]));
    const chosen = requested.map((r) => {
      const p = stored.get(r.partNumber);
      const checksumOk = Object.entries(r.checksums).every(([a, v]) => p?.checksums[a] === v);
      if (!p || !sameEtag(p.etag, r.etag) || !checksumOk) {
        throw new S3Error(
          'InvalidPart',
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
          400,
          { UploadId: uploadId, PartNumber: String(r.partNumber), ETag: r.etag },
        );
      }
      return p;
    });
    if (rec.checksumAlgorithm && (rec.checksumType ?? 'COMPOSITE') === 'COMPOSITE') {
      const missing = requested.find((r) => r.checksums[rec.checksumAlgorithm!] === undefined);
      if (missing) {
        throw errors.invalidRequest(
          `The upload was created using a ${rec.checksumAlgorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${missing.partNumber} in the request.`,
        );
      }
    }
    chosen.forEach((p, i) => {
      if (i < chosen.length - 1 && p.size < engine.minPartSize) {
        throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, {
          ProposedSize: String(p.size),
          MinSizeAllowed: String(engine.minPartSize),
          PartNumber: String(p.partNumber),
          ETag: p.etag,
        });
      }
    });
    const before = engine.store.storedMeta(bucket, key);
    checkWrite(cond, before, key);

    // The object's bytes stay in the parts' files: each is hard-linked into blobs/ (no copy), then checked to be
    // the version whose ETag was verified (a part re-uploaded meanwhile would not be).
    const algorithm: ChecksumAlgorithm = rec.checksumAlgorithm ?? 'CRC64NVME';
    const checksumType = rec.checksumAlgorithm ? (rec.checksumType ?? 'COMPOSITE') : 'FULL_OBJECT';
    const segments: { blob: string; size: number }[] = [];
    const { path, fh } = await engine.store.tempFile();
    let committed = false;
    try {
      for (const p of chosen) {
        const blob = await engine.store.linkBlob(bucket, p.path).catch((e: NodeJS.ErrnoException) => {
          throw e.code === 'ENOENT' ? errors.noSuchUpload(uploadId) : e;
        });
        segments.push({ blob, size: p.size });
        const linked = await readMetaFromPath(engine.store.blobPath(bucket, blob));
        if (linked.etag !== p.etag || linked.size !== p.size) {
          throw new S3Error('InvalidPart', `Part ${p.partNumber} changed while the upload was being completed.`, 400, {
            UploadId: uploadId,
            PartNumber: String(p.partNumber),
          });
        }
      }
      await engine.store.syncBlobs(bucket);
      const size = chosen.reduce((a, p) => a + p.size, 0);
      const md5s = createHash('md5');
      for (const p of chosen) md5s.update(Buffer.from(p.etag.replace(/"/g, ''), 'hex'));

      let objectChecksum: string;
      if (checksumType === 'FULL_OBJECT') {
        // Needs every byte once (read, not copied).
        const full = await BodyHasher.create([algorithm]);
        for (const seg of segments) {
          const blobFh = await open(engine.store.blobPath(bucket, seg.blob), 'r');
          try {
            if (seg.size > 0)
              for await (const chunk of blobFh.createReadStream({ start: 0, end: seg.size - 1, autoClose: false }) as AsyncIterable<Buffer>)
                full.update(chunk);
          } finally {
            await blobFh.close();
          }
        }
        objectChecksum = full.checksums()[algorithm]!;
        const claimed = header(req, checksumHeader(algorithm));
        if (claimed !== undefined && claimed.trim() !== objectChecksum)
          throw errors.badDigest(`The ${algorithm} you specified for the full object did not match the calculated checksum.`);
      } else {
        const partSums = chosen.map((p) => p.checksums[algorithm]);
        if (partSums.some((s) => s === undefined)) throw errors.invalidRequest(`Every part of this upload needs a ${algorithm} checksum.`);
        objectChecksum = await compositeChecksum(algorithm, partSums as string[]);
      }
      const meta: StoredMeta = {
        key,
        size,
        etag: `"${md5s.digest('hex')}-${chosen.length}"`,
        lastModified: new Date().toISOString(),
        contentType: rec.contentType,
        metadata: rec.metadata,
        headers: rec.headers,
        checksums: { [algorithm]: objectChecksum },
        checksumType,
        partsCount: chosen.length,
        parts: chosen.map((p) => p.size),
        segments,
      };
      await appendMetaAndSync(fh, 0, meta);
      await fh.close();
      await commitConditionally(engine, bucket, key, cond, before, async () => {
        await engine.store.commit(bucket, key, path, meta);
        committed = true;
      });
      // The object is visible; the upload is finished whatever happens next.
      await engine.uploads.remove(bucket, uploadId).catch(() => undefined);
      const host = header(req, 'host') ?? 'localhost';
      const body = {
        Location: `http://${host}/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
        Bucket: bucket,
        Key: key,
        ETag: meta.etag,
        ...checksumElements(meta.checksums),
        ChecksumType: checksumType,
      };
      sendXml(ctx.res, 200, buildXml('CompleteMultipartUploadResult', body), checksumHeaders(meta));
      engine.emitCreated(bucket, meta);
    } finally {
      await fh.close().catch(() => undefined);
      if (!committed) {
        await engine.store.discard(path);
        await engine.store.dropBlobs(bucket, segments);
      }
    }
  });
}
