// Unfinished multipart uploads on disk, so they survive a restart and can be listed, resumed and completed.
//
//   buckets/<bucket>/uploads/<uploadId>/upload.json     the upload (key, content type, metadata, checksum algorithm)
//   buckets/<bucket>/uploads/<uploadId>/<00001>.part    each part in the object-file format (bytes + JSON trailer)
//
// Every file appears by fsync + rename (an upload directory is prepared in tmp/ and renamed into place), so a
// kill leaves whole uploads and whole parts only. Abort and Complete first rename the upload directory into
// tmp/ (atomic; the upload is gone from then on) and only then delete it.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChecksumAlgorithm } from './checksums.ts';
import { errors } from './errors.ts';
import { compareKeys } from './key-order.ts';
import { readMetaFromPath, type StoredMeta } from './object-file.ts';
import { syncDir, type DiskStore } from './store.ts';

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: string;
  contentType: string;
  metadata: Record<string, string>;
  headers: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: 'COMPOSITE' | 'FULL_OBJECT';
  initiator: { id: string; role: string };
}

export interface PartRecord {
  partNumber: number;
  size: number;
  etag: string;
  lastModified: string;
  checksums: Record<string, string>;
  path: string;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{16,128}$/;
const partFile = (n: number) => `${String(n).padStart(5, '0')}.part`;

export class MultipartStore {
  constructor(private readonly store: DiskStore) {}

  private uploadsDir(bucket: string): string {
    return join(this.store.bucketDir(bucket), 'uploads');
  }

  uploadDir(bucket: string, uploadId: string): string {
    return join(this.uploadsDir(bucket), uploadId);
  }

  async create(rec: Omit<UploadRecord, 'uploadId' | 'initiated'>): Promise<UploadRecord> {
    const uploadId = randomBytes(24).toString('base64url');
    const full: UploadRecord = { ...rec, uploadId, initiated: new Date().toISOString() };
    const staging = join(this.store.tmpDir, `upload-${randomUUID()}`);
    await mkdir(staging);
    const fh = await open(join(staging, 'upload.json'), 'wx');
    try {
      await fh.writeFile(JSON.stringify(full));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await syncDir(staging);
    await rename(staging, this.uploadDir(rec.bucket, uploadId));
    await syncDir(this.uploadsDir(rec.bucket));
    return full;
  }

  /** The upload, or NoSuchUpload (also when it belongs to another key). */
  async get(bucket: string, key: string | undefined, uploadId: string): Promise<UploadRecord> {
    if (!UPLOAD_ID.test(uploadId)) throw errors.noSuchUpload(uploadId);
    let rec: UploadRecord;
    try {
      rec = JSON.parse(await readFile(join(this.uploadDir(bucket, uploadId), 'upload.json'), 'utf8')) as UploadRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) throw errors.noSuchUpload(uploadId);
      throw e;
    }
    if (key !== undefined && rec.key !== key) throw errors.noSuchUpload(uploadId);
    return rec;
  }

  /** Makes a fsynced part file (object-file format) the current content of part n. */
  async commitPart(bucket: string, uploadId: string, partNumber: number, tempPath: string): Promise<void> {
    const dir = this.uploadDir(bucket, uploadId);
    try {
      await rename(tempPath, join(dir, partFile(partNumber)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw errors.noSuchUpload(uploadId);
      throw e;
    }
    await syncDir(dir).catch(() => undefined);
  }

  async parts(bucket: string, uploadId: string): Promise<PartRecord[]> {
    const dir = this.uploadDir(bucket, uploadId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw errors.noSuchUpload(uploadId);
      throw e;
    }
    const out: PartRecord[] = [];
    for (const name of names) {
      const m = /^(\d{5})\.part$/.exec(name);
      if (!m) continue;
      const path = join(dir, name);
      let meta: StoredMeta;
      try {
        meta = await readMetaFromPath(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // replaced or aborted meanwhile
        throw e;
      }
      out.push({
        partNumber: Number(m[1]),
        size: meta.size,
        etag: meta.etag,
        lastModified: meta.lastModified,
        checksums: meta.checksums ?? {},
        path,
      });
    }
    return out.sort((a, b) => a.partNumber - b.partNumber);
  }

  /** Removes an upload: atomically (rename into tmp/), then frees the space. */
  async remove(bucket: string, uploadId: string): Promise<void> {
    const trash = join(this.store.tmpDir, `gone-${randomUUID()}`);
    try {
      await rename(this.uploadDir(bucket, uploadId), trash);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw errors.noSuchUpload(uploadId);
      throw e;
    }
    await syncDir(this.uploadsDir(bucket)).catch(() => undefined);
    await rm(trash, { recursive: true, force: true });
  }

  async list(bucket: string): Promise<UploadRecord[]> {
    let ids: string[];
    try {
      ids = await readdir(this.uploadsDir(bucket));
    } catch {
      return [];
    }
    const out: UploadRecord[] = [];
    for (const id of ids) {
      try {
        out.push(await this.get(bucket, undefined, id));
      } catch {
        // removed meanwhile
      }
    }
    return out.sort((a, b) => compareKeys(a.key, b.key) || a.initiated.localeCompare(b.initiated) || a.uploadId.localeCompare(b.uploadId));
  }
}
