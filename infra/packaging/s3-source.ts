/**
 * Checking and probing a source in S3 without downloading it: ranged GETs read the mp4's box
 * headers and its movie header (mediabunny), a few hundred KB whatever the file's size.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ALL_FORMATS, Input, StreamSource } from 'mediabunny';
import { checkMp4Boxes } from '../../packaging/mp4-boxes.js';
import { assertPackageable, type SourceInfo } from '../../packaging/probe.js';
import { probeMediabunnyInput } from '../../packaging/remux.js';

/** The movie header is read a second time for caption tracks only up to this size. */
const MAX_MOOV_SCAN_BYTES = 64 * 1024 * 1024;

/** Whether a movie header describes a track whose (first) sample entry is `fourcc`. Exported for tests. */
export function hasSampleEntry(moov: Uint8Array, fourcc: string): boolean {
  const buf = Buffer.from(moov.buffer, moov.byteOffset, moov.byteLength);
  for (let i = buf.indexOf('stsd', 0, 'latin1'); i >= 0; i = buf.indexOf('stsd', i + 4, 'latin1')) {
    if (buf.toString('latin1', i + 16, i + 20) === fourcc) return true;
  }
  return false;
}

async function readRange(s3: S3Client, bucket: string, key: string, start: number, endInclusive: number): Promise<Uint8Array> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${endInclusive}` }));
  return res.Body!.transformToByteArray();
}

/** Structure check + probe of `s3://bucket/key`; throws PackagingFailure for bad sources. */
export async function probeS3Source(s3: S3Client, bucket: string, key: string): Promise<SourceInfo> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const size = head.ContentLength ?? 0;
  const boxes = await checkMp4Boxes(size, async (offset, buf) => {
    if (offset >= size) return 0;
    const bytes = await readRange(s3, bucket, key, offset, Math.min(size, offset + buf.length) - 1);
    buf.set(bytes);
    return bytes.length;
  });
  const input = new Input({
    formats: ALL_FORMATS,
    source: new StreamSource({
      getSize: () => size,
      read: (start, end) => readRange(s3, bucket, key, start, end - 1),
      prefetchProfile: 'network',
    }),
  });
  try {
    const info = await probeMediabunnyInput(input, false);
    assertPackageable(info);
    // CEA-608 in a QuickTime caption track (mediabunny lists no such track): from the sample entry.
    const moov = boxes.find((b) => b.type === 'moov');
    if (
      moov &&
      moov.size <= MAX_MOOV_SCAN_BYTES &&
      hasSampleEntry(await readRange(s3, bucket, key, moov.offset, moov.offset + moov.size - 1), 'c608')
    ) {
      info.captionTracks = [{ kind: 'stream', index: 0, codec: 'eia_608' }];
    }
    return info;
  } finally {
    input.dispose();
  }
}
