// Objects on disk, one file per object (see object-file.ts), plus an in-memory index of keys for listing.
//
// Layout under dataDir:
//   tmp/                                   files being written; anything here at start-up is debris and is deleted
//   buckets/<bucket>/objects/<hh>/<sha256(key)>   object files (name derived from a hash: no key can escape)
//   buckets/<bucket>/uploads/<uploadId>/   unfinished multipart uploads (see multipart.ts)
//   buckets/<bucket>/blobs/<uuid>          bytes of completed multipart objects: hard links to their part files
//
// Crash safety: an object is written to tmp/, fsynced (data + metadata trailer), then renamed over its final
// name and the directory is fsynced. rename(2) is atomic, so a reader sees the old version or the new one,
// never a mix; a kill before the rename leaves only debris in tmp/. A completed multipart object's file lists
// blobs (hard links to the parts, made before the rename); blobs no object lists are debris, deleted at start-up.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { link, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { compareKeys, lowerBound } from './key-order.ts';
import { CorruptObjectError, readMeta, readMetaFromPath, type StoredMeta } from './object-file.ts';
import type { ObjectMeta, ObjectStore } from './types.ts';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const isValidBucketName = (b: string): boolean => BUCKET_NAME.test(b) && !b.includes('..');

export function toObjectMeta(m: StoredMeta): ObjectMeta {
  return {
    key: m.key,
    size: m.size,
    etag: m.etag,
    lastModified: new Date(m.lastModified),
    contentType: m.contentType,
    metadata: { ...m.metadata },
    ...(m.checksums && Object.keys(m.checksums).length ? { checksums: { ...m.checksums } } : {}),
  };
}

/** An object version opened for reading: it stays readable even if the key is overwritten or deleted meanwhile. */
export interface OpenedObject {
  meta: StoredMeta;
  /** bytes [start, end] (inclusive); the handles are closed when the stream ends or is destroyed */
  stream(start: number, end: number): Readable;
  close(): Promise<void>;
}

function openedObject(meta: StoredMeta, segments: { fh: FileHandle; size: number }[]): OpenedObject {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.all(segments.map((x) => x.fh.close().catch(() => undefined))).then(() => undefined));
  return {
    meta,
    close,
    stream(start, end) {
      async function* bytes(): AsyncGenerator<Buffer> {
        let base = 0;
        for (const seg of segments) {
          const from = Math.max(start, base);
          const to = Math.min(end, base + seg.size - 1);
          base += seg.size;
          if (from > to) continue;
          yield* seg.fh.createReadStream({ start: from - (base - seg.size), end: to - (base - seg.size), autoClose: false }) as AsyncIterable<Buffer>;
        }
      }
      const r = Readable.from(bytes(), { objectMode: false });
      r.once('close', () => void close());
      return r;
    },
  };
}

interface BucketIndex {
  byKey: Map<string, StoredMeta>;
  sorted: string[] | null;
}

export class DiskStore implements ObjectStore {
  readonly tmpDir: string;
  private readonly index = new Map<string, BucketIndex>();
  private readonly created = new Map<string, Date>();

  private constructor(readonly dataDir: string) {
    this.tmpDir = join(dataDir, 'tmp');
  }

  static async open(dataDir: string, buckets: string[]): Promise<DiskStore> {
    const store = new DiskStore(dataDir);
    // Leftovers of interrupted writes: never visible, safe to drop.
    await rm(store.tmpDir, { recursive: true, force: true });
    await mkdir(store.tmpDir, { recursive: true });
    await mkdir(join(dataDir, 'buckets'), { recursive: true });
    for (const b of buckets) await store.createBucket(b);
    for (const b of await readdir(join(dataDir, 'buckets'))) if (isValidBucketName(b)) await store.loadBucket(b);
    return store;
  }

  bucketDir(bucket: string): string {
    return join(this.dataDir, 'buckets', bucket);
  }

  objectPath(bucket: string, key: string): string {
    const h = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.bucketDir(bucket), 'objects', h.slice(0, 2), h);
  }

  blobPath(bucket: string, blob: string): string {
    return join(this.bucketDir(bucket), 'blobs', blob);
  }

  hasBucket(bucket: string): boolean {
    return this.index.has(bucket);
  }

  bucketNames(): string[] {
    return [...this.index.keys()].sort();
  }

  async createBucket(bucket: string): Promise<void> {
    if (!isValidBucketName(bucket)) throw new Error(`invalid bucket name ${bucket}`);
    await mkdir(join(this.bucketDir(bucket), 'objects'), { recursive: true });
    await mkdir(join(this.bucketDir(bucket), 'uploads'), { recursive: true });
    await mkdir(join(this.bucketDir(bucket), 'blobs'), { recursive: true });
    if (!this.index.has(bucket)) this.index.set(bucket, { byKey: new Map(), sorted: null });
    if (!this.created.has(bucket)) {
      const st = await stat(this.bucketDir(bucket));
      this.created.set(bucket, st.birthtimeMs > 0 ? st.birthtime : st.mtime);
    }
  }

  bucketCreated(bucket: string): Date {
    return this.created.get(bucket) ?? new Date(0);
  }

  private async loadBucket(bucket: string): Promise<void> {
    await this.createBucket(bucket);
    const idx = this.index.get(bucket)!;
    const objects = join(this.bucketDir(bucket), 'objects');
    for (const fan of await readdir(objects)) {
      for (const name of await readdir(join(objects, fan)).catch(() => [] as string[])) {
        const path = join(objects, fan, name);
        try {
          const meta = await readMetaFromPath(path);
          if (this.objectPath(bucket, meta.key) === path) idx.byKey.set(meta.key, meta);
        } catch (e) {
          // Cannot happen through this engine (files appear only by rename after fsync); keep it, but skip it.
          if (!(e instanceof CorruptObjectError) && !(e instanceof SyntaxError)) throw e;
        }
      }
    }
    idx.sorted = null;
    // Blobs of multipart objects that never became visible, or whose object was replaced before a crash.
    const referenced = new Set([...idx.byKey.values()].flatMap((m) => (m.segments ?? []).map((x) => x.blob)));
    for (const blob of await readdir(join(this.bucketDir(bucket), 'blobs'))) {
      if (!referenced.has(blob)) await rm(this.blobPath(bucket, blob), { force: true });
    }
  }

  private bucket(bucket: string): BucketIndex | undefined {
    return this.index.get(bucket);
  }

  storedMeta(bucket: string, key: string): StoredMeta | undefined {
    return this.bucket(bucket)?.byKey.get(key);
  }

  async head(bucket: string, key: string): Promise<ObjectMeta | undefined> {
    const m = this.storedMeta(bucket, key);
    return m ? toObjectMeta(m) : undefined;
  }

  /** Opens a noncurrent version's file (versions.ts; single-part objects only) for reading. */
  async openPath(path: string, key: string): Promise<OpenedObject | undefined> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const meta = await readMeta(fh);
      if (meta.key !== key || meta.segments) throw new CorruptObjectError('misplaced version file');
      return openedObject(meta, [{ fh, size: meta.size }]);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** Opens the current version of an object for reading. */
  async openObject(bucket: string, key: string): Promise<OpenedObject | undefined> {
    if (!this.hasBucket(bucket)) return undefined;
    // A multipart object's blobs can be dropped by a concurrent overwrite between reading the object file and
    // opening them: then read the new version.
    for (let attempt = 0; attempt < 10; attempt++) {
      let fh: FileHandle;
      try {
        fh = await open(this.objectPath(bucket, key), 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
      let meta: StoredMeta;
      try {
        meta = await readMeta(fh);
        if (meta.key !== key) throw new CorruptObjectError('hash collision or misplaced file');
      } catch (e) {
        await fh.close();
        throw e;
      }
      if (!meta.segments) return openedObject(meta, [{ fh, size: meta.size }]);
      await fh.close();
      const handles: { fh: FileHandle; size: number }[] = [];
      try {
        for (const seg of meta.segments) handles.push({ fh: await open(this.blobPath(bucket, seg.blob), 'r'), size: seg.size });
        return openedObject(meta, handles);
      } catch (e) {
        await Promise.all(handles.map((x) => x.fh.close().catch(() => undefined)));
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    throw new Error(`object ${key} keeps changing while being opened`);
  }

  async read(
    bucket: string,
    key: string,
    range?: { start: number; end: number },
  ): Promise<{ meta: ObjectMeta; stream: NodeJS.ReadableStream } | undefined> {
    const opened = await this.openObject(bucket, key);
    if (!opened) return undefined;
    const { meta } = opened;
    const start = range ? Math.max(0, range.start) : 0;
    const end = range ? Math.min(range.end, meta.size - 1) : meta.size - 1;
    if (end < start) {
      await opened.close();
      return { meta: toObjectMeta(meta), stream: Readable.from([]) };
    }
    return { meta: toObjectMeta(meta), stream: opened.stream(start, end) };
  }

  /** Sorted keys of a bucket (cached until the next change). */
  sortedKeys(bucket: string): string[] {
    const idx = this.bucket(bucket);
    if (!idx) return [];
    return (idx.sorted ??= [...idx.byKey.keys()].sort(compareKeys));
  }

  async *list(bucket: string, prefix: string): AsyncIterable<ObjectMeta> {
    const keys = this.sortedKeys(bucket);
    for (let i = lowerBound(keys, prefix, true); i < keys.length; i++) {
      const k = keys[i]!;
      if (!k.startsWith(prefix)) break;
      const m = this.storedMeta(bucket, k);
      if (m) yield toObjectMeta(m);
    }
  }

  /** A new empty file in tmp/, open for writing. */
  async tempFile(): Promise<{ path: string; fh: FileHandle }> {
    const path = join(this.tmpDir, randomUUID());
    return { path, fh: await open(path, 'wx') };
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true, recursive: true });
  }

  /** Makes a fully written and fsynced temp file the current version of `key`. Call under the key's lock. */
  async commit(bucket: string, key: string, tempPath: string, meta: StoredMeta): Promise<void> {
    const final = this.objectPath(bucket, key);
    const dir = join(final, '..');
    await mkdir(dir, { recursive: true });
    await rename(tempPath, final);
    await syncDir(dir);
    const idx = this.bucket(bucket)!;
    const previous = idx.byKey.get(key);
    // Keep the sorted key list current with one insertion (a new array: running listings keep their snapshot).
    if (!previous && idx.sorted) idx.sorted = idx.sorted.toSpliced(lowerBound(idx.sorted, key, true), 0, key);
    idx.byKey.set(key, meta);
    if (previous?.segments) await this.dropBlobs(bucket, previous.segments);
  }

  /** Makes a noncurrent version's file (versions.ts) current again, keeping its history copy by a hard link. */
  async promote(bucket: string, key: string, versionPath: string, meta: StoredMeta): Promise<void> {
    const { path } = await this.tempFile().then(async (t) => (await t.fh.close(), t));
    await rm(path, { force: true });
    await link(versionPath, path);
    await this.commit(bucket, key, path, meta);
  }

  /** Hard-links a fsynced part file into blobs/ (no copy); returns the blob's name. Call syncBlobs() after. */
  async linkBlob(bucket: string, partPath: string): Promise<string> {
    const blob = randomUUID();
    await link(partPath, this.blobPath(bucket, blob));
    return blob;
  }

  syncBlobs(bucket: string): Promise<void> {
    return syncDir(join(this.bucketDir(bucket), 'blobs'));
  }

  async dropBlobs(bucket: string, segments: { blob: string }[]): Promise<void> {
    for (const x of segments) await rm(this.blobPath(bucket, x.blob), { force: true });
  }

  /** Deletes `key`; true when it existed. Call under the key's lock. */
  async remove(bucket: string, key: string): Promise<boolean> {
    const idx = this.bucket(bucket);
    if (!idx) return false;
    try {
      await unlink(this.objectPath(bucket, key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const previous = idx.byKey.get(key);
    const existed = idx.byKey.delete(key);
    if (existed && idx.sorted) {
      const i = lowerBound(idx.sorted, key, true);
      idx.sorted = idx.sorted[i] === key ? idx.sorted.toSpliced(i, 1) : null;
    }
    if (previous?.segments) await this.dropBlobs(bucket, previous.segments);
    return existed;
  }
}

export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
