/**
 * Stand-in throughput: a 1 GiB multipart upload with lib-storage (queue size 4, 8 MiB parts, the SDK's
 * default CRC32 checksums) against one plain PutObject of the same bytes, same server, same run.
 * The data is generated as a stream (a 1 MiB random block repeated with a changing counter), never
 * held in memory. Prints MB/s for both and the multipart/single ratio. INE_BENCH_MIB overrides size.
 *
 * Why multipart is slower here: over plain HTTP the SDK signs each Buffer part's real SHA-256
 * (client hashes it, the stand-in verifies it), while a streamed PutObject goes as
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER (CRC32 only). Against S3 over HTTPS the SDK sends parts as
 * UNSIGNED-PAYLOAD; the third line measures multipart that way (a middleware sets the header before
 * signing), which is the fairer view of the stand-in's own multipart path.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { REPO_ROOT } from '../server/config.ts';
import { startStandIn } from '../server/index.ts';

const MiB = 1024 * 1024;
const totalMiB = Number(process.env.INE_BENCH_MIB ?? 1024);
const size = totalMiB * MiB;

function source(): Readable {
  const block = randomBytes(MiB);
  let sent = 0;
  return new Readable({
    highWaterMark: MiB,
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = Buffer.from(block);
      chunk.writeUInt32BE(sent / MiB, 0); // every MiB differs
      sent += MiB;
      this.push(chunk);
    },
  });
}

const dataDir = join(REPO_ROOT, '.bench-data', 'stand-in');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
const s3 = new S3Client({
  region: standIn.config.region,
  endpoint: standIn.config.s3Endpoint,
  forcePathStyle: true,
  credentials: standIn.staticCredentials,
});
const Bucket = standIn.config.bucket;

async function timed(name: string, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  const mbps = size / 1e6 / seconds;
  console.log(`${name.padEnd(46)} ${seconds.toFixed(1).padStart(6)} s  ${mbps.toFixed(1).padStart(7)} MB/s`);
  return mbps;
}

try {
  console.log(`${totalMiB} MiB to ${standIn.urls.s3} (data on disk in ${dataDir})`);
  const single = await timed('single PutObject (baseline)', () =>
    s3.send(new PutObjectCommand({ Bucket, Key: 'bench/single.bin', Body: source(), ContentLength: size, ContentType: 'application/octet-stream' })),
  );
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'bench/single.bin' }));
  const multipart = await timed('lib-storage multipart (queue 4, 8 MiB)', () =>
    new Upload({
      client: s3,
      params: { Bucket, Key: 'bench/multipart.bin', Body: source(), ContentType: 'application/octet-stream' },
      queueSize: 4,
      partSize: 8 * MiB,
    }).done(),
  );
  const stored = await standIn.s3.store.head(Bucket, 'bench/multipart.bin');
  if (stored?.size !== size) throw new Error(`multipart object has ${stored?.size} bytes, expected ${size}`);
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'bench/multipart.bin' }));
  const unsignedClient = new S3Client({
    region: standIn.config.region,
    endpoint: standIn.config.s3Endpoint,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
  });
  unsignedClient.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; method?: string };
      if (request.method === 'PUT' && request.headers) request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'unsignedPayloadAsOverHttps' },
  );
  const unsigned = await timed('multipart, parts UNSIGNED-PAYLOAD (as HTTPS)', () =>
    new Upload({
      client: unsignedClient,
      params: { Bucket, Key: 'bench/multipart-unsigned.bin', Body: source(), ContentType: 'application/octet-stream' },
      queueSize: 4,
      partSize: 8 * MiB,
    }).done(),
  );
  unsignedClient.destroy();
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'bench/multipart-unsigned.bin' }));
  console.log(`ratio multipart / single: ${(multipart / single).toFixed(2)}`);
  console.log(`ratio multipart (UNSIGNED-PAYLOAD parts) / single: ${(unsigned / single).toFixed(2)}`);
} finally {
  s3.destroy();
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
}
