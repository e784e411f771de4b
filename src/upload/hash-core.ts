/**
 * The hashing itself, shared by the Web Worker (`hash.worker.ts`) and the in-thread fallback:
 * CRC32 of one part (S3's per-part checksum) and SHA-256 of a whole file, both with hash-wasm
 * (WebCrypto has no incremental digest). Files are read by `Blob.slice`, one chunk at a time, so
 * memory stays at one chunk whatever the file size.
 */
import { createCRC32, createSHA256 } from 'hash-wasm';

/** Chunk read at a time while hashing a whole file. */
export const HASH_CHUNK = 8 * 1024 * 1024;

/**
 * The chunks of `blob` in order, each read while the one before is being hashed: the browser reads
 * from disk on its own threads, so reading overlaps hashing instead of alternating with it (two
 * chunks in memory at most).
 */
async function* chunks(blob: Blob): AsyncGenerator<{ at: number; bytes: Uint8Array }> {
  const read = (at: number) => blob.slice(at, Math.min(blob.size, at + HASH_CHUNK)).arrayBuffer();
  let next = blob.size > 0 ? read(0) : undefined;
  for (let at = 0; next; at += HASH_CHUNK) {
    const current = next;
    next = at + HASH_CHUNK < blob.size ? read(at + HASH_CHUNK) : undefined;
    // A read still pending when hashing stops early must not turn into an unhandled rejection.
    next?.catch(() => undefined);
    yield { at, bytes: new Uint8Array(await current) };
  }
}

/** Base64 of the big-endian CRC32 of `blob`: the value of S3's `x-amz-checksum-crc32`. */
export async function crc32Base64(blob: Blob): Promise<string> {
  const crc = await createCRC32();
  crc.init();
  for await (const { bytes } of chunks(blob)) crc.update(bytes);
  return base64(crc.digest('binary'));
}

/** Per-part CRC32s computed in the same pass as the SHA-256 (saves reading each part again). */
export interface PartCrcs {
  partSize: number;
  onPartCrc(partNumber: number, crc32Base64: string): void;
}

/**
 * Lowercase hex SHA-256 of `blob`, reporting bytes hashed so far; stops when `isCancelled()` says so.
 * With `parts`, also reports the CRC32 of every part of `partSize` bytes as the read passes its end.
 */
export async function sha256Hex(blob: Blob, onProgress?: (hashed: number) => void, isCancelled?: () => boolean, parts?: PartCrcs): Promise<string> {
  const sha = await createSHA256();
  sha.init();
  const crc = parts ? await createCRC32() : undefined;
  crc?.init();
  let partNumber = 1;
  let partEnd = parts ? Math.min(blob.size, parts.partSize) : Infinity;
  for await (const { at, bytes } of chunks(blob)) {
    if (isCancelled?.()) throw Object.assign(new Error('Hashing cancelled'), { name: 'AbortError' });
    const end = at + bytes.length;
    sha.update(bytes);
    if (crc && parts) {
      // Split the chunk at part boundaries.
      let off = 0;
      while (off < bytes.length) {
        const upto = Math.min(bytes.length, partEnd - at);
        crc.update(bytes.subarray(off, upto));
        off = upto;
        if (at + off === partEnd) {
          parts.onPartCrc(partNumber++, base64(crc.digest('binary')));
          crc.init();
          partEnd = Math.min(blob.size, partEnd + parts.partSize);
        }
      }
    }
    onProgress?.(end);
  }
  return sha.digest('hex');
}

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
