import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffMp4, sniffBlob } from '../../../src/upload/mp4-sniff.ts';
import { validateFile } from '../../../src/upload/validate.ts';
import { identityKey } from '../../../src/upload/fingerprint.ts';
import { openAsBlob, rmSync } from 'node:fs';
import { makeMedia, writeTemp } from './media.ts';

test('an mp4 made by ffmpeg is an mp4 (isom major brand)', () => {
  const s = sniffMp4(makeMedia('clip.mp4'));
  assert.equal(s.mp4, true);
  assert.equal(s.majorBrand, 'isom');
  assert.ok(s.compatibleBrands.includes('mp41'), s.compatibleBrands.join());
});

test('an mp4 with the mp42 brand (-brand mp42) and an iPod m4v are mp4s', () => {
  assert.equal(sniffMp4(makeMedia('clip42.mp4', ['-brand', 'mp42'])).majorBrand, 'mp42');
  assert.equal(sniffMp4(makeMedia('clip42.mp4', ['-brand', 'mp42'])).mp4, true);
  const m4v = sniffMp4(makeMedia('clip.m4v', ['-f', 'ipod']));
  assert.equal(m4v.mp4, true, `ipod brand ${m4v.majorBrand}`);
});

test('a QuickTime mov (qt brand) is accepted: the packager reads it like an mp4', () => {
  const s = sniffMp4(makeMedia('clip.mov'));
  assert.equal(s.majorBrand, 'qt  ');
  assert.equal(s.mp4, true);
});

test('a WebM is not an mp4 (EBML header, no ftyp)', () => {
  const bytes = makeMedia('clip.webm', [], ['-c:v', 'libvpx', '-b:v', '100k']);
  assert.deepEqual([...bytes.slice(0, 4)], [0x1a, 0x45, 0xdf, 0xa3]);
  assert.equal(sniffMp4(bytes).mp4, false);
});

test('a text file, an empty buffer and truncated heads are not mp4s', () => {
  assert.equal(sniffMp4(new TextEncoder().encode('hola, esto no es un video\n'.repeat(10))).mp4, false);
  assert.equal(sniffMp4(new Uint8Array()).mp4, false);
  assert.equal(sniffMp4(makeMedia('t.mp4').slice(0, 12)).mp4, false);
  // A text file that merely mentions ftyp at offset 4 still has an absurd box size.
  assert.equal(sniffMp4(new TextEncoder().encode('xxxxftypisom0000isom and more text')).mp4, false);
});

test('a 3GP file lists isom but its 3gp major brand is not in our family, and is judged by its compatible brands', () => {
  const s = sniffMp4(makeMedia('clip.3gp', ['-f', '3gp', '-s', '176x144'], ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']));
  assert.match(s.majorBrand!, /^3g/);
  assert.equal(
    s.mp4,
    s.compatibleBrands.some((b) => b === 'isom' || b === 'mp41' || b === 'mp42'),
  );
});

test('an mp4 renamed .txt with a wrong MIME type is still an mp4; a text file named .mp4 is not (bytes decide)', async () => {
  const mp4 = makeMedia('named.mp4');
  const renamed = new File([mp4], 'notes.txt', { type: 'text/plain', lastModified: 1 });
  const fake = new File(['not a video'], 'clip.mp4', { type: 'video/mp4', lastModified: 1 });
  assert.equal((await sniffBlob(renamed)).mp4, true);
  assert.equal((await sniffBlob(fake)).mp4, false);
});

test('validateFile: empty, too large, duplicate and not-mp4, in that order, before reading much; a .mov passes', async () => {
  const mp4 = makeMedia('v.mp4');
  const file = new File([mp4], 'v.mp4', { lastModified: 42 });
  const none = new Set<string>();
  assert.deepEqual(await validateFile(file, { maxFileSize: 1e9, queued: none }), { ok: true, majorBrand: 'isom' });
  assert.equal(((await validateFile(new File([], 'e.mp4'), { maxFileSize: 1e9, queued: none })) as { code: string }).code, 'EmptyFile');
  assert.equal(((await validateFile(file, { maxFileSize: mp4.length - 1, queued: none })) as { code: string }).code, 'TooLarge');
  assert.equal(((await validateFile(file, { maxFileSize: 1e9, queued: new Set([identityKey(file)]) })) as { code: string }).code, 'AlreadyQueued');
  const mov = new File([makeMedia('v.mov')], 'v.mp4', { type: 'video/mp4' });
  assert.deepEqual(await validateFile(mov, { maxFileSize: 1e9, queued: none }), { ok: true, majorBrand: 'qt  ' });
  const text = new File(['no es video'.repeat(10)], 'v.mov', { type: 'video/quicktime' });
  assert.equal(((await validateFile(text, { maxFileSize: 1e9, queued: none })) as { code: string }).code, 'NotMp4');
});

test('validateFile: a file deleted after it was picked is refused as Unreadable, not thrown', async () => {
  const path = writeTemp('borrado.mp4', makeMedia('borrado.mp4'));
  const blob = await openAsBlob(path); // disk-backed, like a File from <input type=file>
  const file = Object.assign(blob, { name: 'borrado.mp4', lastModified: 1 });
  rmSync(path);
  assert.deepEqual(await validateFile(file, { maxFileSize: 1e9, queued: new Set() }), { ok: false, code: 'Unreadable' });
});
