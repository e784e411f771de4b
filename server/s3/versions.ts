// Bucket versioning and S3 Object Lock for the stand-in (docs/stand-in-s3.md, "Versioning and Object Lock").
//
// Layout under buckets/<bucket>/ (beside objects/, which keeps holding the current version of each key):
//   config.json                              versioning state and Object Lock configuration
//   versions/<hh>/<sha256(key)>/<versionId>  noncurrent versions and delete markers (same file format)
//   locks/<hh>/<sha256(key)>/<versionId>.json  a version's retention and legal hold (changed atomically)
//
// Version IDs sort by creation, so a key's versions in name order are its history. An overwrite first
// hard-links the current file into versions/ and then renames the new one over it: a crash between leaves
// the same version twice (dropped when read), never none. A version's lock is written before the version.
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errors, S3Error } from './errors.ts';
import { appendMetaAndSync, readMetaFromPath, type StoredMeta } from './object-file.ts';
import { syncDir, type DiskStore } from './store.ts';

export type LockMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface BucketConfig {
  versioning?: 'Enabled' | 'Suspended';
  objectLock?: { enabled: true; defaultRetention?: { mode: LockMode; days?: number; years?: number } };
}

export interface VersionLock {
  mode?: LockMode;
  /** ISO 8601 */
  retainUntil?: string;
  legalHold?: 'ON' | 'OFF';
}

const VERSION_ID = /^[0-9a-f]{32}$/;
let counter = 0;
/** 12 hex digits of milliseconds, 4 of a counter, 16 random: name order is creation order. */
export function newVersionId(now = Date.now()): string {
  counter = (counter + 1) & 0xffff;
  return now.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0') + randomBytes(8).toString('hex');
}

export function checkVersionId(v: string): string {
  if (!VERSION_ID.test(v)) throw errors.invalidArgument('Invalid version id specified', 'versionId', v);
  return v;
}

export const noSuchVersion = (key: string, versionId: string) =>
  new S3Error('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });
export const lockedError = () => new S3Error('AccessDenied', 'Access Denied because object protected by object lock.', 403);

/** Whether a version may be deleted (or its retention shortened) now. */
export function isProtected(lock: VersionLock | undefined, now: number, bypassGovernance: boolean): boolean {
  if (!lock) return false;
  if (lock.legalHold === 'ON') return true;
  if (!lock.mode || !lock.retainUntil || Date.parse(lock.retainUntil) <= now) return false;
  return lock.mode === 'COMPLIANCE' || !bypassGovernance;
}

const keyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export class Versions {
  private readonly configs = new Map<string, BucketConfig>();

  constructor(private readonly store: DiskStore) {}

  private dir(bucket: string, kind: 'versions' | 'locks', key: string): string {
    const h = keyHash(key);
    return join(this.store.bucketDir(bucket), kind, h.slice(0, 2), h);
  }

  async config(bucket: string): Promise<BucketConfig> {
    let c = this.configs.get(bucket);
    if (!c) {
      try {
        c = JSON.parse(await readFile(join(this.store.bucketDir(bucket), 'config.json'), 'utf8')) as BucketConfig;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        c = {};
      }
      this.configs.set(bucket, c);
    }
    return c;
  }

  async setConfig(bucket: string, c: BucketConfig): Promise<void> {
    await this.writeAtomically(join(this.store.bucketDir(bucket), 'config.json'), JSON.stringify(c));
    this.configs.set(bucket, c);
  }

  async isVersioned(bucket: string): Promise<boolean> {
    return (await this.config(bucket)).versioning === 'Enabled';
  }

  private async writeAtomically(path: string, body: string): Promise<void> {
    const tmp = join(this.store.tmpDir, `${randomBytes(12).toString('hex')}.json`);
    await writeFile(tmp, body, { flush: true });
    await mkdir(join(path, '..'), { recursive: true });
    await rename(tmp, path);
    await syncDir(join(path, '..'));
  }

  async lock(bucket: string, key: string, versionId: string): Promise<VersionLock | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir(bucket, 'locks', key), `${versionId}.json`), 'utf8')) as VersionLock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async setLock(bucket: string, key: string, versionId: string, lock: VersionLock): Promise<void> {
    await this.writeAtomically(join(this.dir(bucket, 'locks', key), `${versionId}.json`), JSON.stringify(lock));
  }

  /** The lock a new version gets: the request's, else the bucket's default retention. */
  async initialLock(bucket: string, requested: VersionLock, now: number): Promise<VersionLock | undefined> {
    const rule = (await this.config(bucket)).objectLock?.defaultRetention;
    const lock: VersionLock = { ...requested };
    if (!lock.mode && rule) {
      const until = new Date(now);
      if (rule.days) until.setUTCDate(until.getUTCDate() + rule.days);
      if (rule.years) until.setUTCFullYear(until.getUTCFullYear() + rule.years);
      lock.mode = rule.mode;
      lock.retainUntil = until.toISOString();
    }
    return lock.mode || lock.legalHold ? lock : undefined;
  }

  /** Noncurrent versions and delete markers of a key, oldest first (the current version is not among them). */
  async noncurrent(bucket: string, key: string, current?: StoredMeta): Promise<StoredMeta[]> {
    const dir = this.dir(bucket, 'versions', key);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => VERSION_ID.test(n)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: StoredMeta[] = [];
    for (const n of names) {
      if (n === current?.versionId) continue; // linked before an overwrite that completed: not a second copy
      const m = await readMetaFromPath(join(dir, n));
      if (m.key === key) out.push(m);
    }
    return out;
  }

  versionPath(bucket: string, key: string, versionId: string): string {
    return join(this.dir(bucket, 'versions', key), versionId);
  }

  /** Keeps the current version (if any) as a noncurrent one, before it is replaced or hidden. Under the key's lock. */
  async archiveCurrent(bucket: string, key: string): Promise<void> {
    const current = this.store.storedMeta(bucket, key);
    if (!current?.versionId) return;
    const dir = this.dir(bucket, 'versions', key);
    await mkdir(dir, { recursive: true });
    try {
      await link(this.store.objectPath(bucket, key), join(dir, current.versionId));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    await syncDir(dir);
  }

  /** Writes a delete marker as the newest version (the current version must be archived and removed first). */
  async addDeleteMarker(bucket: string, key: string): Promise<string> {
    const versionId = newVersionId();
    const { path, fh } = await this.store.tempFile();
    try {
      const meta: StoredMeta = {
        key,
        size: 0,
        etag: '""',
        lastModified: new Date().toISOString(),
        contentType: '',
        metadata: {},
        versionId,
        deleteMarker: true,
      };
      await appendMetaAndSync(fh, 0, meta);
      await fh.close();
      const dir = this.dir(bucket, 'versions', key);
      await mkdir(dir, { recursive: true });
      await rename(path, join(dir, versionId));
      await syncDir(dir);
      return versionId;
    } finally {
      await fh.close().catch(() => undefined);
      await rm(path, { force: true });
    }
  }

  /** Removes one noncurrent version or delete marker (and its lock); if it was the newest, the one before becomes current. */
  async removeNoncurrent(bucket: string, key: string, versionId: string): Promise<void> {
    await rm(this.versionPath(bucket, key, versionId), { force: true });
    await rm(join(this.dir(bucket, 'locks', key), `${versionId}.json`), { force: true });
    if (this.store.storedMeta(bucket, key)) return;
    const rest = await this.noncurrent(bucket, key);
    const newest = rest[rest.length - 1];
    if (newest && !newest.deleteMarker) await this.store.promote(bucket, key, this.versionPath(bucket, key, newest.versionId!), newest);
  }

  /** Removes the current version (and its lock); the newest noncurrent version, unless a delete marker, becomes current. */
  async removeCurrent(bucket: string, key: string): Promise<void> {
    const current = this.store.storedMeta(bucket, key);
    await this.store.remove(bucket, key);
    if (current?.versionId) {
      await rm(this.versionPath(bucket, key, current.versionId), { force: true }); // its history link, if any
      await rm(join(this.dir(bucket, 'locks', key), `${current.versionId}.json`), { force: true });
    }
    const rest = await this.noncurrent(bucket, key);
    const newest = rest[rest.length - 1];
    if (newest && !newest.deleteMarker) await this.store.promote(bucket, key, this.versionPath(bucket, key, newest.versionId!), newest);
  }

  /** Every key with noncurrent versions or delete markers (for ListObjectVersions). */
  async keysWithHistory(bucket: string): Promise<string[]> {
    const root = join(this.store.bucketDir(bucket), 'versions');
    const keys: string[] = [];
    for (const fan of await readdir(root).catch(() => [] as string[])) {
      for (const h of await readdir(join(root, fan)).catch(() => [] as string[])) {
        const names = (await readdir(join(root, fan, h)).catch(() => [] as string[])).filter((n) => VERSION_ID.test(n));
        if (names.length) keys.push((await readMetaFromPath(join(root, fan, h, names[0]!))).key);
      }
    }
    return keys;
  }
}
