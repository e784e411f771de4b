/**
 * Just enough ISO BMFF (mp4) reading to tell "not an mp4" from "truncated" before any decoder
 * runs (ffprobe's own messages are vague), and to read the RFC 6381 codec strings of an init
 * segment for the master playlist's CODECS attribute.
 */
import { open, readFile } from 'node:fs/promises';
import { PackagingFailure } from './errors.js';

export interface TopLevelBox {
  type: string;
  offset: number;
  size: number;
  /** The file ends inside this box (only with `allowCutTail`, only after the movie header). */
  cut?: boolean;
}

export interface BoxWalkOptions {
  /**
   * Accept a file cut short after its movie header (moov first, or fragments): the box the file
   * ends in is returned marked `cut`, and the samples before the cut can still be played. Without
   * it (or when the movie header itself is missing) a cut file is refused as truncated.
   */
  allowCutTail?: boolean;
}

const isFourCC = (b: Buffer) => [...b].every((c) => c >= 0x20 && c <= 0x7e);
/** Top-level boxes that may open an ISO BMFF / QuickTime file. */
const FIRST_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/**
 * Walks the top-level boxes of a file. Throws `not-mp4` when the file does not start like an mp4,
 * `truncated` when a box runs past the end of the file or the movie header (moov) is missing.
 */
export async function checkMp4Structure(path: string, opts: BoxWalkOptions = {}): Promise<TopLevelBox[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    return await checkMp4Boxes(size, async (offset, buf) => (await fh.read(buf, 0, buf.length, offset)).bytesRead, opts);
  } finally {
    await fh.close();
  }
}

/**
 * The same walk over any byte source: `read(offset, buf)` fills `buf` from `offset` and returns the
 * bytes read. The AWS Lambda reads the S3 object with ranged GETs (a few KB for any file size).
 */
export async function checkMp4Boxes(
  fileSize: number,
  read: (offset: number, buf: Buffer) => Promise<number>,
  opts: BoxWalkOptions = {},
): Promise<TopLevelBox[]> {
  {
    if (fileSize === 0) throw new PackagingFailure('not-mp4', 'The file is empty; it is not an MP4 video.');
    const boxes: TopLevelBox[] = [];
    const salvageable = () => !!opts.allowCutTail && boxes.some((b) => b.type === 'moov');
    const cutTail = (offset: number, type: string, size: number) => {
      boxes.push({ type, offset, size, cut: true });
      return boxes;
    };
    const head = Buffer.alloc(16);
    let offset = 0;
    while (offset < fileSize) {
      const bytesRead = await read(offset, head);
      if (bytesRead < 8) {
        if (boxes.length === 0) throw new PackagingFailure('not-mp4', 'The file is not an MP4 video (it is too short to be one).');
        if (salvageable()) return cutTail(offset, '', fileSize - offset);
        throw new PackagingFailure(
          'truncated',
          'The file is truncated: it ends in the middle of an MP4 box. Nothing in it can be played without the rest of the file.',
        );
      }
      const type = head.toString('latin1', 4, 8);
      let size = head.readUInt32BE(0);
      if (!isFourCC(head.subarray(4, 8)) || (boxes.length === 0 && !FIRST_BOXES.has(type))) {
        if (boxes.length === 0) throw new PackagingFailure('not-mp4', 'The file is not an MP4 video (it does not start with an MP4 header).');
        throw new PackagingFailure(
          'truncated',
          'The file is damaged: its MP4 structure breaks off partway. Nothing in it can be played without the rest of the file.',
        );
      }
      if (size === 1) {
        if (bytesRead < 16 && salvageable()) return cutTail(offset, type, fileSize - offset);
        if (bytesRead < 16)
          throw new PackagingFailure(
            'truncated',
            'The file is truncated: it ends in the middle of an MP4 box. Nothing in it can be played without the rest of the file.',
          );
        size = Number(head.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - offset;
      }
      if (size < 8) throw new PackagingFailure('not-mp4', 'The file is not a valid MP4 video (a box has an impossible size).');
      if (offset + size > fileSize) {
        if (salvageable()) return cutTail(offset, type, size);
        throw new PackagingFailure(
          'truncated',
          `The file is truncated: it is ${fileSize} bytes but its MP4 structure needs at least ${offset + size}` +
            (type === 'moov' || !boxes.some((b) => b.type === 'moov') ? ', and its index (moov) is lost, so nothing in it can be played.' : '.'),
          { fileBytes: fileSize, neededBytes: offset + size },
        );
      }
      boxes.push({ type, offset, size });
      offset += size;
    }
    if (!boxes.some((b) => b.type === 'moov')) {
      if (boxes.some((b) => b.type === 'mdat')) {
        throw new PackagingFailure(
          'truncated',
          'The file is truncated: its index (moov) is missing, so nothing in it can be played. A recorder that stopped before writing it leaves such a file.',
          { fileBytes: fileSize },
        );
      }
      throw new PackagingFailure('not-mp4', 'The file is not a playable MP4 video (it has no movie header).');
    }
    return boxes;
  }
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Reads an MPEG-4 descriptor length (1-4 bytes, 7 bits each). */
function descLength(buf: Buffer, pos: number): [number, number] {
  let len = 0;
  for (let i = 0; i < 4; i++) {
    const b = buf[pos++];
    len = (len << 7) | (b & 0x7f);
    if (!(b & 0x80)) break;
  }
  return [len, pos];
}

/** `mp4a.40.<audio object type>` from an esds box body, or `mp4a.40.2` (AAC-LC) when unreadable. */
function mp4aCodec(buf: Buffer, esdsAt: number): string {
  try {
    let p = esdsAt + 4 + 4; // type + version/flags
    if (buf[p] !== 0x03) return 'mp4a.40.2';
    [, p] = descLength(buf, p + 1);
    const flags = buf[p + 2];
    p += 3;
    if (flags & 0x80) p += 2;
    if (flags & 0x40) p += 1 + buf[p];
    if (flags & 0x20) p += 2;
    if (buf[p] !== 0x04) return 'mp4a.40.2';
    [, p] = descLength(buf, p + 1);
    const oti = buf[p];
    p += 13;
    if (oti !== 0x40 || buf[p] !== 0x05) return `mp4a.${hex2(oti)}`;
    [, p] = descLength(buf, p + 1);
    let aot = buf[p] >> 3;
    if (aot === 31) aot = 32 + (((buf[p] & 0x07) << 3) | (buf[p + 1] >> 5));
    return `mp4a.40.${aot}`;
  } catch {
    return 'mp4a.40.2';
  }
}

/** RFC 6381 codec strings (video first) of the tracks described by an init segment / moov. */
export async function codecsOfInitSegment(path: string): Promise<string[]> {
  const buf = await readFile(path);
  const out: string[] = [];
  const avcC = buf.indexOf('avcC', 0, 'latin1');
  if (avcC >= 0) out.push(`avc1.${hex2(buf[avcC + 5])}${hex2(buf[avcC + 6])}${hex2(buf[avcC + 7])}`);
  const esds = buf.indexOf('esds', 0, 'latin1');
  if (esds >= 0) out.push(mp4aCodec(buf, esds));
  return out;
}
