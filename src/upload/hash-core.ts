/**
 * The hashing itself, shared by the Web Worker (`hash.worker.ts`) and the in-thread fallback:
 * CRC32 of one part (S3's per-part checksum) and SHA-256 of a whole file, both with hash-wasm
 * (WebCrypto has no incremental digest). Files are read by `Blob.slice`, one chunk at a time, so
 * memory stays at one chunk whatever the file size.
 */
import { createCRC32, createSHA256 } from 'hash-wasm';

/** Chunk read at a time while hashing a whole file. */
export const HASH_CHUNK = 8 * 1024 * 1024;

/** Base64 of the big-endian CRC32 of `blob`: the value of S3's `x-amz-checksum-crc32`. */
export async function crc32Base64(blob: Blob): Promise<string> {
  const crc = await createCRC32();
  crc.init();
  for (let at = 0; at < blob.size; at += HASH_CHUNK) {
    crc.update(new Uint8Array(await blob.slice(at, Math.min(blob.size, at + HASH_CHUNK)).arrayBuffer()));
  }
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
  for (let at = 0; at < blob.size; at += HASH_CHUNK) {
    if (isCancelled?.()) throw Object.assign(new Error('Hashing cancelled'), { name: 'AbortError' });
    const end = Math.min(blob.size, at + HASH_CHUNK);
    const bytes = new Uint8Array(await blob.slice(at, end).arrayBuffer());
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
