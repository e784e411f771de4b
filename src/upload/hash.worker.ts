/**
 * Hashing worker: keeps SHA-256 (the whole file, sequentially) and the per-part CRC32s off the main
 * thread, so a 50 GB upload never janks the page. Requests are served concurrently: a CRC32 for the
 * next part interleaves with the long SHA-256 read at every chunk boundary.
 */
import { crc32Base64, sha256Hex } from './hash-core.js';
import type { HashReply, HashRequest } from './hash-protocol.js';

const cancelled = new Set<number>();
const reply = (m: HashReply) => (self as unknown as { postMessage(m: HashReply): void }).postMessage(m);

self.addEventListener('message', (e: MessageEvent<HashRequest>) => {
  const req = e.data;
  if (req.op === 'cancel') {
    cancelled.add(req.target);
    return;
  }
  const work =
    req.op === 'crc32'
      ? crc32Base64(req.blob)
      : sha256Hex(
          req.blob,
          (hashed) => reply({ id: req.id, kind: 'progress', hashed }),
          () => cancelled.has(req.id),
          req.partSize
            ? { partSize: req.partSize, onPartCrc: (partNumber, value) => reply({ id: req.id, kind: 'part-crc', partNumber, value }) }
            : undefined,
        );
  work
    .then(
      (value) => reply({ id: req.id, kind: 'result', value }),
      (err: Error) => reply({ id: req.id, kind: 'error', message: String(err?.message ?? err), name: err?.name ?? 'Error' }),
    )
    .finally(() => cancelled.delete(req.id));
});
