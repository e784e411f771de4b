/**
 * "Mis envíos": the uploads this uploader sent from this browser, each with its title and its stage
 * as it moves (src/contract/upload-status.ts UPLOAD_STAGES): uploading → processing (with the
 * packager's progress and estimate) → review → published, or failed with the code of the reason.
 * DOM-free; `<ine-uploader>` is its view.
 *
 * Where the state comes from: the uploader's role may read only its own status documents
 * (`uploads/<identity>/<upload>.status.json`, one GET each; it may not list its folder), so the list
 * of its uploads is kept here, in the browser (`MyUploadsStorage`, localStorage by default), and each
 * entry's stage is read from its document. While the upload queue follows an entry's packaging
 * (`report`), it is not polled twice; otherwise (`follow`: after the queue's watch ends at `ready`,
 * or for entries remembered from an earlier visit) it is polled here: conditional GETs
 * (If-None-Match, so an unchanged document costs a 304), quick while packaging, slow while it
 * waits for review (packaging-watch.ts), stopped while the page is hidden (`setActive(false)`),
 * and not at all once published or failed.
 *
 * A browser may be shared: only the entries of the signed-in uploader (`setOwner`, its identity
 * id, the folder of its keys) are shown and followed; the others are kept for their own owner.
 */
import { uploadStatusKeyFor, type UploadStage } from '../contract/upload-status.js';
import { watchPackaging, type PackagingProgress, type StatusReader } from './packaging-watch.js';

export interface MyUpload {
  /** `uploads/<identity>/<upload>.mp4`. */
  key: string;
  fileName: string;
  /** The title given at upload, then the clip's as packaging reports it (an admin may correct it). */
  title: string;
  /** When the upload was sent (ISO). */
  sentAt: string;
  stage: UploadStage;
  /** The last known packaging state (absent while uploading). */
  packaging?: PackagingProgress;
  /** 0–100 while uploading. */
  percent?: number;
}

/** The stage a packaging state means; `uploading` before the upload completes. */
export function stageOf(p: PackagingProgress | undefined): UploadStage {
  switch (p?.status) {
    case undefined:
      return 'uploading';
    case 'failed':
      return 'failed';
    case 'ready':
      return p.published ? 'published' : 'review';
    default:
      // Waiting for the packager, packaging, or no news for a long time: still processing to its sender.
      return 'processing';
  }
}

/** Stages after which nothing is polled any more. */
export const isSettledStage = (s: UploadStage): boolean => s === 'published' || s === 'failed';

export interface MyUploadsStorage {
  load(): MyUpload[];
  save(items: MyUpload[]): void;
}

export const MY_UPLOADS_STORAGE_KEY = 'ine-video-elements:my-uploads';
/** The most entries remembered (the oldest are forgotten first). */
export const MY_UPLOADS_LIMIT = 50;

/** localStorage when there is one (browsers), else memory; a storage that refuses (quota, private mode) only loses the memory of past visits. */
export function defaultMyUploadsStorage(key = MY_UPLOADS_STORAGE_KEY): MyUploadsStorage {
  const ls = (globalThis as { localStorage?: Storage }).localStorage;
  let memory: MyUpload[] = [];
  return {
    load() {
      try {
        const parsed = JSON.parse(ls?.getItem(key) ?? 'null') as unknown;
        return Array.isArray(parsed) ? parsed.filter(isMyUpload) : memory;
      } catch {
        return memory;
      }
    },
    save(items) {
      memory = items;
      try {
        ls?.setItem(key, JSON.stringify(items));
      } catch {
        // Kept in memory for this visit.
      }
    },
  };
}

export const memoryMyUploadsStorage = (): MyUploadsStorage => {
  let items: MyUpload[] = [];
  return { load: () => structuredClone(items), save: (x) => void (items = structuredClone(x)) };
};

function isMyUpload(v: unknown): v is MyUpload {
  const m = v as Partial<MyUpload> | null;
  return (
    !!m &&
    typeof m === 'object' &&
    typeof m.key === 'string' &&
    !!uploadStatusKeyFor(m.key) &&
    typeof m.fileName === 'string' &&
    typeof m.title === 'string' &&
    typeof m.sentAt === 'string' &&
    typeof m.stage === 'string'
  );
}

export type MyUploadsEvent =
  | { type: 'change' }
  /** An entry was listed (`from` absent) or moved to another stage (also when the move came through `report`). */
  | { type: 'stage'; item: MyUpload; from?: UploadStage };

export interface MyUploadsOptions {
  /** Reads one status document (conditional on `etag`); undefined while no reader is available. */
  read(statusKey: string): StatusReader | undefined;
  storage?: MyUploadsStorage;
  now?: () => number;
}

export interface MyUploads {
  /** Newest first. */
  readonly items: MyUpload[];
  /** An upload began (or was sent): listed, `uploading`. */
  add(entry: { key: string; fileName: string; title: string; sentAt?: string }): void;
  /** While uploading: how far. */
  uploadProgress(key: string, percent: number): void;
  /** What the queue's own watch learnt (the entry is not polled here meanwhile). */
  report(key: string, packaging: PackagingProgress): void;
  /** Poll this entry from now on (the queue's watch ended, or it never had one). */
  follow(key: string): void;
  /** Polls run only while active (the page visible and the element in it). */
  setActive(on: boolean): void;
  /** Whose uploads these are (the identity id in `uploads/<identity>/`); nothing is shown or polled before. */
  setOwner(identityId: string): void;
  /** Forget an entry (the clip itself stays). */
  remove(key: string): void;
  subscribe(listener: (e: MyUploadsEvent) => void): () => void;
  dispose(): void;
}

interface Entry extends MyUpload {
  /** Polled here (rather than reported by the queue). */
  own: boolean;
}

export function createMyUploads(options: MyUploadsOptions): MyUploads {
  const storage = options.storage ?? defaultMyUploadsStorage();
  const now = options.now ?? Date.now;
  const listeners = new Set<(e: MyUploadsEvent) => void>();
  const watches = new Map<string, AbortController>();
  let active = false;
  let owner: string | undefined;
  const owned = (e: Entry) => owner !== undefined && e.key.startsWith(`uploads/${owner}/`);
  // Remembered entries are followed here: no queue knows them.
  const entries: Entry[] = storage.load().map((m) => ({ ...m, own: true }));

  const plain = ({ own: _own, ...m }: Entry): MyUpload => structuredClone(m);
  const emit = (e: MyUploadsEvent) => {
    for (const l of [...listeners]) l(e);
  };
  const persist = () => storage.save(entries.filter((e) => e.stage !== 'uploading').map(plain));
  const find = (key: string) => entries.find((e) => e.key === key);

  function apply(e: Entry, p: PackagingProgress): void {
    // No news (the watch gave up, or the document went missing) never hides what is known.
    if ((p.status === 'unknown' || p.status === 'waiting') && e.packaging && e.packaging.status !== 'waiting') return;
    const from = e.stage;
    e.packaging = p;
    e.stage = stageOf(p);
    if ('title' in p && p.title) e.title = p.title;
    delete e.percent;
    persist();
    emit({ type: 'change' });
    if (e.stage !== from) emit({ type: 'stage', item: plain(e), from });
    if (isSettledStage(e.stage)) stop(e.key);
  }

  function stop(key: string): void {
    watches.get(key)?.abort();
    watches.delete(key);
  }

  function watch(e: Entry): void {
    if (!active || !owned(e) || !e.own || e.stage === 'uploading' || isSettledStage(e.stage) || watches.has(e.key)) return;
    const statusKey = uploadStatusKeyFor(e.key);
    const read = statusKey ? options.read(statusKey) : undefined;
    if (!read) return;
    const controller = new AbortController();
    watches.set(e.key, controller);
    watchPackaging(read, (p) => apply(e, p), controller.signal, now, e.packaging ?? { status: 'waiting' }, {
      isFinal: (p) => !!p && (p.status === 'failed' || (p.status === 'ready' && !!p.published)),
    });
  }

  return {
    get items() {
      return entries
        .filter(owned)
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
        .map(plain);
    },
    add({ key, fileName, title, sentAt }) {
      if (find(key) || !uploadStatusKeyFor(key)) return;
      // The queue's own uploads are this uploader's.
      if (owner === undefined) owner = key.split('/')[1];
      const e: Entry = { key, fileName, title, sentAt: sentAt ?? new Date(now()).toISOString(), stage: 'uploading', own: false };
      entries.push(e);
      // The oldest settled ones go first when over the limit.
      while (entries.length > MY_UPLOADS_LIMIT) {
        const oldest = [...entries].sort((a, b) => a.sentAt.localeCompare(b.sentAt))[0];
        stop(oldest.key);
        entries.splice(entries.indexOf(oldest), 1);
      }
      emit({ type: 'change' });
      emit({ type: 'stage', item: plain(e) });
    },
    uploadProgress(key, percent) {
      const e = find(key);
      if (!e || e.stage !== 'uploading' || e.percent === percent) return;
      e.percent = percent;
      emit({ type: 'change' });
    },
    report(key, packaging) {
      const e = find(key);
      if (e) apply(e, packaging);
    },
    follow(key) {
      const e = find(key);
      if (!e) return;
      e.own = true;
      watch(e);
    },
    setOwner(identityId) {
      if (owner === identityId) return;
      owner = identityId;
      for (const key of [...watches.keys()]) stop(key);
      if (active) for (const e of entries) watch(e);
      emit({ type: 'change' });
    },
    setActive(on) {
      active = on;
      if (!on) for (const key of [...watches.keys()]) stop(key);
      else for (const e of entries) watch(e);
    },
    remove(key) {
      const e = find(key);
      if (!e) return;
      stop(key);
      entries.splice(entries.indexOf(e), 1);
      persist();
      emit({ type: 'change' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      active = false;
      for (const key of [...watches.keys()]) stop(key);
      listeners.clear();
    },
  };
}
