// Real media files made with ffmpeg (Debian's /usr/bin/ffmpeg) for the upload tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ine-upload-media-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Encode one second of test pattern into `name` (its extension picks the container) and return the bytes. */
export function makeMedia(name: string, extra: string[] = [], codec: string[] = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']): Uint8Array<ArrayBuffer> {
  const out = join(dir, name);
  execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=10:duration=1',
    ...codec,
    ...extra,
    out,
  ]);
  return new Uint8Array(readFileSync(out)) as Uint8Array<ArrayBuffer>;
}

export function writeTemp(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
