/**
 * The signature chain of a signed `aws-chunked` body (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`):
 * each chunk is signed over the previous signature (the first over the request's own, the "seed"), so
 * a chunk cannot be changed, dropped, reordered or appended; the trailer is signed over the last one.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** Checks one body's chunk and trailer signatures in order; each call advances the chain. */
export interface ChunkSignatures {
  /** The next chunk's signature, given the SHA-256 (hex) of its data. */
  chunk(dataSha256Hex: string, signature: string): boolean;
  /** The trailer's signature, given its canonical text (`name:value\n` per trailing header). */
  trailer(canonicalTrailers: string, signature: string): boolean;
}

export function chunkSignatureChain(p: { signingKey: Uint8Array; longDate: string; scope: string; seedSignature: string }): ChunkSignatures {
  let previous = p.seedSignature.toLowerCase();
  const check = (stringToSign: string, signature: string): boolean => {
    const expected = createHmac('sha256', p.signingKey).update(stringToSign).digest('hex');
    const given = Buffer.from(signature.toLowerCase());
    const ok = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
    previous = expected;
    return ok;
  };
  return {
    chunk: (dataSha256Hex, signature) =>
      check(['AWS4-HMAC-SHA256-PAYLOAD', p.longDate, p.scope, previous, EMPTY_SHA256, dataSha256Hex].join('\n'), signature),
    trailer: (canonicalTrailers, signature) =>
      check(
        ['AWS4-HMAC-SHA256-TRAILER', p.longDate, p.scope, previous, createHash('sha256').update(canonicalTrailers).digest('hex')].join('\n'),
        signature,
      ),
  };
}
