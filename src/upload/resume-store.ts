/**
 * Where unfinished uploads are remembered across reloads and crashes: one IndexedDB object store
 * keyed by file fingerprint. A tiny wrapper (no library): get, put, delete, list.
 */
import type { ClipMetadata } from '../contract/video-record.js';

export interface ResumeRecord {
  fingerprint: string;
  key: string;
  /** S3's multipart UploadId. */
  uploadId: string;
  partSize: number;
  bucket: string;
  metadata: ClipMetadata;
  fileName: string;
  size: number;
  createdAt: string;
  /** Bytes S3 had acknowledged when last noted (for "Tienes 1 carga sin terminar … 40 %" before the file is picked again). */
  sent?: number;
}

export interface ResumeStore {
  get(fingerprint: string): Promise<ResumeRecord | undefined>;
  put(record: ResumeRecord): Promise<void>;
  delete(fingerprint: string): Promise<void>;
  list(): Promise<ResumeRecord[]>;
  /** Notes how much is sent, only if the record still exists (a late note never brings a finished upload back). */
  noteSent?(fingerprint: string, sent: number): Promise<void>;
}

const DB_NAME = 'ine-video-elements';
const STORE = 'uploads';

/** IndexedDB when the environment has it (browsers), else memory (Node, private modes that refuse it). */
export function defaultResumeStore(): ResumeStore {
  return typeof indexedDB !== 'undefined' ? indexedDbStore() : memoryStore();
}

export function memoryStore(): ResumeStore {
  const map = new Map<string, ResumeRecord>();
  return {
    get: async (fp) => map.get(fp),
    put: async (r) => void map.set(r.fingerprint, structuredClone(r)),
    delete: async (fp) => void map.delete(fp),
    list: async () => [...map.values()],
    noteSent: async (fp, sent) => {
      const r = map.get(fp);
      if (r) r.sent = sent;
    },
  };
}

export function indexedDbStore(name = DB_NAME): ResumeStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'fingerprint' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await open()).transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  // A store that cannot open (quota, private mode) must not break uploads: resume is a bonus.
  const safe =
    <A extends unknown[], T>(fn: (...a: A) => Promise<T>, fallback: T) =>
    async (...a: A): Promise<T> => {
      try {
        return await fn(...a);
      } catch (e) {
        console.warn('[ine-uploader] resume store unavailable', e);
        return fallback;
      }
    };
  return {
    get: safe(async (fp: string) => (await run('readonly', (s) => s.get(fp))) as ResumeRecord | undefined, undefined),
    put: safe(async (r: ResumeRecord) => void (await run('readwrite', (s) => s.put(r))), undefined),
    delete: safe(async (fp: string) => void (await run('readwrite', (s) => s.delete(fp))), undefined),
    list: safe(async () => (await run('readonly', (s) => s.getAll())) as ResumeRecord[], []),
    // Read and write in one transaction: ordered with a delete issued before or after it.
    noteSent: safe(async (fp: string, sent: number) => {
      const tx = (await open()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const req = store.get(fp);
      req.onsuccess = () => {
        const r = req.result as ResumeRecord | undefined;
        if (r) store.put({ ...r, sent });
      };
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }, undefined),
  };
}
