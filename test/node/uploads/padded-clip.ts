/** A small playable mp4 grown past S3's 5 MiB part minimum, so tests upload it in several parts cheaply. */
import { readFile } from 'node:fs/promises';
import { makeSource } from '../../fixtures/media/make.ts';

/** The clip made at `path` plus a trailing `free` box of `padBytes` (ISO BMFF padding every reader skips). */
export async function paddedClip(path: string, padBytes: number): Promise<Buffer> {
  await makeSource(path, { width: 320, height: 180, seconds: 2 });
  const mp4 = await readFile(path);
  const free = Buffer.alloc(padBytes);
  free.writeUInt32BE(padBytes, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([mp4, free]);
}
