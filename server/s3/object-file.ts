// One file per object version: the object's bytes, then its metadata as JSON, then an 8-byte footer
// ("S3M1" + uint32 BE length of the JSON). Data and metadata therefore become visible together with a
// single rename(2), and a reader holding the file open keeps a consistent version even if it is replaced.
import { open, type FileHandle } from 'node:fs/promises';

const MAGIC = Buffer.from('S3M1');
const FOOTER = 8;

export interface StoredMeta {
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType: string;
  metadata: Record<string, string>;
  /** Content-Disposition, Cache-Control, Content-Encoding, Content-Language, Expires */
  headers?: Record<string, string>;
  checksums?: Record<string, string>;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  partsCount?: number;
  /** multipart objects: each part's size, to answer GetObject?partNumber and to recompute composite checksums */
  parts?: number[];
  /**
   * Completed multipart objects keep their bytes in the parts' files (hard-linked into the bucket's blobs/ folder)
   * instead of a copy: the object file then holds no bytes, only this list, in order.
   */
  segments?: { blob: string; size: number }[];
  /** In a versioned bucket (versions.ts): this version's ID; a delete marker has no bytes. */
  versionId?: string;
  deleteMarker?: true;
}

export class CorruptObjectError extends Error {}

/** Appends the metadata trailer to a file whose data is already written, then fsyncs it. */
export async function appendMetaAndSync(fh: FileHandle, dataSize: number, meta: StoredMeta): Promise<void> {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const footer = Buffer.alloc(FOOTER);
  MAGIC.copy(footer, 0);
  footer.writeUInt32BE(json.length, 4);
  const tail = Buffer.concat([json, footer]);
  let off = 0;
  while (off < tail.length) off += (await fh.write(tail, off, tail.length - off, dataSize + off)).bytesWritten;
  await fh.sync();
}

/** Reads the metadata trailer from an open object file. */
export async function readMeta(fh: FileHandle): Promise<StoredMeta> {
  const { size: fileSize } = await fh.stat();
  if (fileSize < FOOTER) throw new CorruptObjectError('object file too short');
  const footer = Buffer.alloc(FOOTER);
  await fh.read(footer, 0, FOOTER, fileSize - FOOTER);
  if (!footer.subarray(0, 4).equals(MAGIC)) throw new CorruptObjectError('bad object file footer');
  const len = footer.readUInt32BE(4);
  if (len > fileSize - FOOTER) throw new CorruptObjectError('bad metadata length');
  const json = Buffer.alloc(len);
  await fh.read(json, 0, len, fileSize - FOOTER - len);
  const meta = JSON.parse(json.toString('utf8')) as StoredMeta;
  const inlineBytes = fileSize - FOOTER - len;
  if (meta.segments) {
    if (inlineBytes !== 0 || meta.segments.reduce((a, x) => a + x.size, 0) !== meta.size)
      throw new CorruptObjectError('segments do not match metadata');
  } else if (meta.size !== inlineBytes) {
    throw new CorruptObjectError('size does not match metadata');
  }
  return meta;
}

export async function readMetaFromPath(path: string): Promise<StoredMeta> {
  const fh = await open(path, 'r');
  try {
    return await readMeta(fh);
  } finally {
    await fh.close();
  }
}
