import { createChecksum } from '../../../server/s3/checksums.ts';
import { createHash } from 'node:crypto';
const buf = Buffer.alloc(256 * 1024 * 1024, 7);
for (const a of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA256'] as const) {
  const h = await createChecksum(a); const t = performance.now();
  for (let o = 0; o < buf.length; o += 65536) h.update(buf.subarray(o, o + 65536));
  h.digestBase64(); console.log(a, (256 / ((performance.now() - t) / 1000)).toFixed(0), 'MiB/s');
}
let t = performance.now(); const m = createHash('md5'); for (let o = 0; o < buf.length; o += 65536) m.update(buf.subarray(o, o + 65536)); m.digest(); console.log('md5', (256 / ((performance.now() - t) / 1000)).toFixed(0));
