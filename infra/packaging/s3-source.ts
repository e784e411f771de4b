/**
 * Checking and probing a source in S3 without downloading it: ranged GETs read the mp4's box
 * headers and its movie header (mediabunny), a few hundred KB whatever the file's size.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ALL_FORMATS, Input, StreamSource } from 'mediabunny';
import { checkMp4Boxes } from '../../server/packager/mp4-boxes.js';
import { assertPackageable, type SourceInfo } from '../../server/packager/probe.js';
import { probeMediabunnyInput } from '../../server/packager/remux.js';

async function readRange(s3: S3Client, bucket: string, key: string, start: number, endInclusive: number): Promise<Uint8Array> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${endInclusive}` }));
  return res.Body!.transformToByteArray();
}

/** Structure check + probe of `s3://bucket/key`; throws PackagingFailure for bad sources. */
export async function probeS3Source(s3: S3Client, bucket: string, key: string): Promise<SourceInfo> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const size = head.ContentLength ?? 0;
  await checkMp4Boxes(size, async (offset, buf) => {
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
    return info;
  } finally {
    input.dispose();
  }
}
