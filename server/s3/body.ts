// Receives a request body: PutObject / UploadPart bodies stream to an open file (never buffering the whole
// body), the small XML bodies are read into memory. Both decode aws-chunked if needed and verify everything the
// request claims about its body: Content-MD5, x-amz-checksum-* (header or declared trailer), a signed hex
// x-amz-content-sha256, and the chunk and trailer signatures of signed aws-chunked framings. Any mismatch
// throws before the caller makes the bytes visible.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FileHandle } from 'node:fs/promises';
import { decodeAwsChunked } from './aws-chunked.ts';
import { BodyHasher, CHECKSUM_ALGORITHMS, checksumHeader, parseAlgorithm, type ChecksumAlgorithm } from './checksums.ts';
import { S3Error, errors } from './errors.ts';
import type { ChunkSignatures } from './types.ts';

export const MAX_PUT_SIZE = 5 * 1024 ** 3;

export interface ReceivedBody {
  size: number;
  /** quoted hex MD5 */
  etag: string;
  md5: Buffer;
  /** base64 checksums by algorithm: the ones the client sent plus `alsoCompute` */
  checksums: Record<string, string>;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function isAwsChunked(req: IncomingMessage): boolean {
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  const enc = header(req, 'content-encoding') ?? '';
  return sha.startsWith('STREAMING-') || enc.split(',').some((e) => e.trim().toLowerCase() === 'aws-chunked');
}

/** The body as sent: aws-chunked decoded (its signatures checked when the framing is signed), or as is. */
function payloadOf(req: IncomingMessage, trailers: Map<string, string>, chunkSignatures: ChunkSignatures | undefined): AsyncIterable<Buffer> {
  if (!isAwsChunked(req)) return req;
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  const signed = /^STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?$/.test(sha);
  // Only the request's verified signature can seed the chain; without it a signed framing proves nothing.
  if (signed && !chunkSignatures)
    throw new S3Error('SignatureDoesNotMatch', 'Signed aws-chunked bodies need the request signature to verify their chunks.', 403);
  return decodeAwsChunked(req, trailers, signed ? { signatures: chunkSignatures, signedTrailer: sha.endsWith('-TRAILER') } : {});
}

/** Declared trailers must all arrive, and nothing undeclared may (a trailer is only honoured when announced). */
function trailerValues(fromTrailer: ChecksumAlgorithm[], trailers: Map<string, string>): Map<ChecksumAlgorithm, string> {
  const out = new Map<ChecksumAlgorithm, string>();
  for (const a of fromTrailer) {
    const v = trailers.get(checksumHeader(a));
    if (v === undefined) throw errors.invalidRequest(`The trailer ${checksumHeader(a)} was declared but not sent.`);
    out.set(a, v);
  }
  for (const name of trailers.keys()) {
    if (!fromTrailer.some((a) => checksumHeader(a) === name))
      throw errors.invalidRequest(`The trailer ${name.slice(0, 64)} was sent but not declared in x-amz-trailer.`);
  }
  return out;
}

const sha256Mismatch = () =>
  new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);

/** A hex x-amz-content-sha256 (what the signature covers), lowercased; undefined for the markers. */
function signedPayloadHashOf(req: IncomingMessage): string | undefined {
  const v = header(req, 'x-amz-content-sha256');
  return v && /^[0-9a-f]{64}$/i.test(v) ? v.toLowerCase() : undefined;
}

export interface BodyOptions {
  /** The chain that signed aws-chunked bodies must follow (from the verified request signature). */
  chunkSignatures?: ChunkSignatures;
}

/** The client's declared checksum algorithm(s): from checksum headers, the trailer declaration or x-amz-sdk-checksum-algorithm. */
function declaredAlgorithms(req: IncomingMessage): {
  fromHeader: Map<ChecksumAlgorithm, string>;
  fromTrailer: ChecksumAlgorithm[];
  sdk?: ChecksumAlgorithm;
} {
  const fromHeader = new Map<ChecksumAlgorithm, string>();
  for (const a of CHECKSUM_ALGORITHMS) {
    const v = header(req, checksumHeader(a));
    if (v !== undefined) fromHeader.set(a, v.trim());
  }
  const fromTrailer: ChecksumAlgorithm[] = [];
  for (const name of (header(req, 'x-amz-trailer') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const a = CHECKSUM_ALGORITHMS.find((x) => checksumHeader(x) === name);
    if (!a) throw errors.invalidRequest(`Unsupported trailer ${name}`);
    fromTrailer.push(a);
  }
  const sdk = parseAlgorithm(header(req, 'x-amz-sdk-checksum-algorithm') ?? header(req, 'x-amz-checksum-algorithm'));
  if (fromHeader.size + fromTrailer.length > 1)
    throw errors.invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  return { fromHeader, fromTrailer, sdk };
}

function expectedLength(req: IncomingMessage, chunked: boolean): number | undefined {
  const raw = chunked ? header(req, 'x-amz-decoded-content-length') : header(req, 'content-length');
  if (raw === undefined) {
    if (chunked) throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
    if (header(req, 'transfer-encoding')) return undefined; // plain HTTP chunked: accepted, length checked as we go
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  }
  if (!/^\d+$/.test(raw.trim())) throw errors.invalidArgument('Invalid Content-Length', 'Content-Length', raw);
  return Number(raw);
}

/**
 * Stream the request body into `out` (already open for writing, at position 0).
 * `alsoCompute` adds algorithms to compute even when the client sent none (e.g. the multipart upload's algorithm).
 */
export async function receiveBody(
  req: IncomingMessage,
  out: FileHandle,
  opts: BodyOptions & { maxSize?: number; alsoCompute?: ChecksumAlgorithm[]; defaultAlgorithm?: ChecksumAlgorithm } = {},
): Promise<ReceivedBody> {
  const maxSize = opts.maxSize ?? MAX_PUT_SIZE;
  const chunked = isAwsChunked(req);
  const length = expectedLength(req, chunked);
  if (length !== undefined && length > maxSize) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ProposedSize: String(length),
      MaxSizeAllowed: String(maxSize),
    });
  }
  const declared = declaredAlgorithms(req);
  const algos = new Set<ChecksumAlgorithm>([...declared.fromHeader.keys(), ...declared.fromTrailer, ...(opts.alsoCompute ?? [])]);
  if (declared.sdk) algos.add(declared.sdk);
  // With no checksum from the client, S3 computes CRC64NVME itself; so do we.
  if (algos.size === 0 && opts.defaultAlgorithm) algos.add(opts.defaultAlgorithm);
  const signedPayloadHash = signedPayloadHashOf(req);
  const hasher = await BodyHasher.create(algos, { sha256Hex: !!signedPayloadHash });

  const trailers = new Map<string, string>();
  const source = payloadOf(req, trailers, opts.chunkSignatures);
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxSize || (length !== undefined && size > length)) {
      if (size > maxSize) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
      throw errors.invalidRequest('The body is longer than its declared length.');
    }
    hasher.update(chunk);
    let off = 0;
    while (off < chunk.length) off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
  }
  if (!req.complete && !chunked) throw new S3Error('IncompleteBody', 'The request body ended early.', 400);
  if (length !== undefined && size !== length) {
    throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
  }

  const md5 = hasher.md5Bytes();
  const contentMd5 = header(req, 'content-md5');
  if (contentMd5 !== undefined && contentMd5.trim() !== md5.toString('base64')) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5.trim())) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    throw errors.badDigest('The Content-MD5 you specified did not match what we received.');
  }
  if (signedPayloadHash && hasher.payloadSha256Hex() !== signedPayloadHash) throw sha256Mismatch();
  const computed = hasher.checksums();
  const expect = new Map([...declared.fromHeader, ...trailerValues(declared.fromTrailer, trailers)]);
  for (const [a, v] of expect) {
    if (computed[a] !== v) throw errors.badDigest(`The ${a} you specified did not match the calculated checksum.`);
  }
  return { size, etag: `"${md5.toString('hex')}"`, md5, checksums: computed };
}

/**
 * Reads a small XML request body (DeleteObjects, CompleteMultipartUpload) as text, aws-chunked or not, refusing
 * more than `maxBytes` as soon as it is exceeded.
 */
export async function readSmallBody(req: IncomingMessage, maxBytes: number, opts: BodyOptions = {}): Promise<string> {
  const declaredLength = Number(header(req, isAwsChunked(req) ? 'x-amz-decoded-content-length' : 'content-length'));
  if (declaredLength > maxBytes) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400);
  const declared = declaredAlgorithms(req);
  const trailers = new Map<string, string>();
  const source = payloadOf(req, trailers, opts.chunkSignatures);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    parts.push(chunk);
  }
  const body = Buffer.concat(parts);
  const decodedLength = isAwsChunked(req) ? header(req, 'x-amz-decoded-content-length') : undefined;
  if (decodedLength !== undefined && Number(decodedLength) !== size)
    throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
  const signedPayloadHash = signedPayloadHashOf(req);
  if (signedPayloadHash && createHash('sha256').update(body).digest('hex') !== signedPayloadHash) throw sha256Mismatch();
  // Verify the checksum the SDK attaches to these requests, like S3 does.
  const expect = new Map([...declared.fromHeader, ...trailerValues(declared.fromTrailer, trailers)]);
  if (expect.size || header(req, 'content-md5')) {
    const hasher = await BodyHasher.create(expect.keys());
    hasher.update(body);
    const computed = hasher.checksums();
    for (const [a, v] of expect) if (computed[a] !== v) throw errors.badDigest(`The ${a} you specified did not match the calculated checksum.`);
    const md5 = header(req, 'content-md5');
    if (md5 !== undefined && md5.trim() !== hasher.md5Bytes().toString('base64'))
      throw errors.badDigest('The Content-MD5 you specified did not match what we received.');
  }
  return body.toString('utf8');
}
