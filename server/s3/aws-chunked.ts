// Decoder for `Content-Encoding: aws-chunked` bodies, which the AWS SDK v3 and the AWS CLI send for streams:
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n[<trailer>:<value>\r\n]*\r\n
// Trailers (e.g. x-amz-checksum-crc32) are collected into `trailers`. With `signatures` (the signed framings,
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) every chunk's signature and the trailer's signature are checked
// against the chain that starts at the request's signature; a chunk is yielded before its signature is checked
// (its end is where the check happens), so callers make nothing visible until the whole body is decoded.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ChunkSignatures } from './types.ts';
import { S3Error } from './errors.ts';

const MAX_LINE = 8 * 1024;
/** Trailing header lines accepted (a checksum and the trailer signature is what clients send). */
const MAX_TRAILERS = 16;
export const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

const incomplete = () => new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
const malformed = (why: string) => new S3Error('InvalidRequest', `Malformed aws-chunked body: ${why}`, 400);
const badSignature = (what: string) =>
  new S3Error('SignatureDoesNotMatch', `The ${what} signature we calculated does not match the signature you provided.`, 403);

export interface ChunkedOptions {
  /** Verify chunk and trailer signatures (signed framings only). */
  signatures?: ChunkSignatures;
  /** The framing carries a signed trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER). */
  signedTrailer?: boolean;
}

export async function* decodeAwsChunked(
  source: AsyncIterable<Buffer>,
  trailers: Map<string, string>,
  opts: ChunkedOptions = {},
): AsyncGenerator<Buffer> {
  // A refusal mid-body leaves the request open (not destroyed), so the caller can still answer it and drain the rest.
  const it: AsyncIterator<Buffer> = source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source[Symbol.asyncIterator]();
  try {
    yield* decode(it, trailers, opts);
  } finally {
    await it.return?.();
  }
}

async function* decode(it: AsyncIterator<Buffer>, trailers: Map<string, string>, opts: ChunkedOptions): AsyncGenerator<Buffer> {
  const { signatures } = opts;
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await it.next();
    if (r.done) {
      ended = true;
      return false;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    return true;
  };

  /** Next CRLF-terminated line, or undefined at a clean end of stream. */
  const line = async (): Promise<string | undefined> => {
    for (;;) {
      const i = buf.indexOf('\r\n');
      if (i >= 0) {
        const text = buf.subarray(0, i).toString('latin1');
        buf = buf.subarray(i + 2);
        return text;
      }
      if (buf.length > MAX_LINE) throw malformed('chunk header too long');
      if (!(await more())) {
        if (buf.length === 0) return undefined;
        throw incomplete();
      }
    }
  };

  for (;;) {
    const header = await line();
    if (header === undefined) throw incomplete();
    const [sizeField, ...extensions] = header.split(';');
    const sizeHex = sizeField!.trim();
    if (!/^[0-9a-fA-F]{1,15}$/.test(sizeHex)) throw malformed(`bad chunk size "${sizeHex.slice(0, 20)}"`);
    let signature: string | undefined;
    for (const ext of extensions) {
      const m = /^\s*chunk-signature=([0-9a-fA-F]{64})\s*$/.exec(ext);
      if (m) signature = m[1];
    }
    if (signatures && signature === undefined) throw malformed('chunk without its chunk-signature');
    let remaining = parseInt(sizeHex, 16);
    const hash = signatures ? createHash('sha256') : undefined;
    const last = remaining === 0;
    while (remaining > 0) {
      if (buf.length === 0 && !(await more())) throw incomplete();
      const take = Math.min(remaining, buf.length);
      const piece = buf.subarray(0, take);
      hash?.update(piece);
      yield piece;
      buf = buf.subarray(take);
      remaining -= take;
    }
    if (signatures && !signatures.chunk(hash!.digest('hex'), signature!)) throw badSignature('chunk');
    if (last) break;
    while (buf.length < 2) if (!(await more())) throw incomplete();
    if (buf[0] !== 13 || buf[1] !== 10) throw malformed('chunk data not followed by CRLF');
    buf = buf.subarray(2);
  }

  // Trailer section: header lines up to an empty line (some clients just end the stream).
  let canonical = '';
  let trailerSignature: string | undefined;
  for (let n = 0; ; n++) {
    const text = await line();
    if (text === undefined || text === '') break;
    if (n === MAX_TRAILERS) throw malformed('too many trailing headers');
    const colon = text.indexOf(':');
    if (colon <= 0) throw malformed('bad trailer line');
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE) trailerSignature = value;
    else {
      trailers.set(name, value);
      canonical += `${name}:${value}\n`;
    }
  }
  if (signatures && opts.signedTrailer) {
    if (trailerSignature === undefined) throw malformed(`trailer without ${TRAILER_SIGNATURE}`);
    if (!signatures.trailer(canonical, trailerSignature)) throw badSignature('trailer');
  } else if (signatures && trailers.size) {
    throw malformed('trailing headers in a framing that does not sign them');
  }
  // Drain anything after the body so the connection stays usable.
  while (await more()) buf = Buffer.alloc(0);
}
