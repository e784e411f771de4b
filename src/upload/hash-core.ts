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

/** Lowercase hex SHA-256 of `blob`, reporting bytes hashed so far; stops when `isCancelled()` says so. */
export async function sha256Hex(blob: Blob, onProgress?: (hashed: number) => void, isCancelled?: () => boolean): Promise<string> {
  const sha = await createSHA256();
  sha.init();
  for (let at = 0; at < blob.size; at += HASH_CHUNK) {
    if (isCancelled?.()) throw Object.assign(new Error('Hashing cancelled'), { name: 'AbortError' });
    const end = Math.min(blob.size, at + HASH_CHUNK);
    sha.update(new Uint8Array(await blob.slice(at, end).arrayBuffer()));
    onProgress?.(end);
  }
  return sha.digest('hex');
}

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
