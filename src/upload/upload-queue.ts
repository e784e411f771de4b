/**
 * The upload queue: the whole uploader without any UI. Validates files, keeps their metadata,
 * schedules them (a few files at a time, each with parallel parts), pauses and resumes them (also
 * when the browser goes offline and back), cancels them (aborting the multipart upload on S3),
 * retries them, and reports everything through one listener. `<ine-uploader>` is a view of it.
 *
 * @example
 *   const queue = createUploadQueue();
 *   queue.subscribe((e) => e.type === 'complete' && console.log(e.detail.key, e.detail.sha256));
 *   await queue.addFiles(input.files, { title: 'Debate, segundo bloque' });
 *   queue.start();
 */
import type { ClipMetadataInput } from '../contract/clip-validate.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { sharedCredentials } from '../auth/credentials.js';
import { getConfig } from '../config/config.js';
import type { IneConfig } from '../config/types.js';
import type { ClipMetadata } from '../contract/video-record.js';
import { IneError, type IneErrorCode } from '../internal/errors.js';
import { fingerprint, identityKey } from './fingerprint.js';
import { sharedHasher, type Hasher } from './hasher.js';
import { normalizeMetadata } from './metadata.js';
import { newSession, runMultipart, type CredentialsLike, type UploadSession } from './multipart-driver.js';
import { linkSpeed, recordLinkSpeed } from './link-speed.js';
import { choosePartSize } from './part-plan.js';
import { defaultResumeStore, type ResumeStore } from './resume-store.js';
import { classify, DEFAULT_RETRY, isAbort, type RetryPolicy } from './retry.js';
import { s3MultipartApi, type MultipartApi } from './s3-multipart.js';
import { ACTIVE_STATES, transition, type UploadEvent, type UploadState } from './upload-state.js';
import { validateFile } from './validate.js';
import { isFinalPackaging, watchPackaging, type PackagingProgress, type StatusReader } from './packaging-watch.js';
import { uploadStatusKeyFor } from '../contract/upload-status.js';
import type { PackagingFailureCode } from '../contract/packaging-failures.js';
import type { ProgressHandler } from './xhr-handler.js';

type ProgressTracker = Pick<ProgressHandler, 'track'>;

/** A read-only snapshot of one file in the queue. */
export interface UploadItem {
  /** Queue-local id (not the S3 key). */
  id: string;
  fileName: string;
  size: number;
  lastModified: number;
  state: UploadState;
  metadata: ClipMetadata;
  /** `uploads/<identity id>/<upload id>.mp4`, once the multipart upload exists. */
  key?: string;
  /** Bytes sent: acknowledged by S3 plus the progress of parts in flight. */
  loaded: number;
  /** Bytes S3 has acknowledged (whole parts). */
  acknowledged: number;
  total: number;
  /** 0–100. */
  percent: number;
  /** Bytes per second, averaged over the last seconds; 0 when unknown. */
  speed: number;
  /** Seconds left at the current speed; undefined when unknown. */
  eta?: number;
  /** Bytes hashed so far (SHA-256 runs alongside the upload). */
  hashed: number;
  /** Lowercase hex SHA-256 of the whole file, once complete. */
  sha256?: string;
  /** Why the upload stopped (`state` is `error` or `invalid`). */
  error?: { code: IneErrorCode; message: string };
  /** Why the upload waits (`state` is `waiting`). */
  waitingFor?: 'offline' | 'backoff';
  /** An unfinished upload of this file was found: only missing parts will be sent. */
  resumable: boolean;
  /** For a resumable file: the bytes already sent when it was last noted (resume-store.ts `sent`). */
  resumeSent?: number;
  resumed: boolean;
  partSize: number;
  /** Parts and bytes this page has sent for this file (including retries). */
  partsSent: number;
  bytesSent: number;
  /** The ISO-BMFF major brand read from the file. */
  brand?: string;
  /** Once the upload is complete: what packaging makes of it (packaging-watch.ts); absent when not followed. */
  packaging?: PackagingProgress;
}

export interface UploadStartDetail {
  key: string;
  size: number;
  metadata: ClipMetadata;
  resumed: boolean;
  fileName: string;
}
export interface UploadProgressDetail {
  key: string;
  loaded: number;
  total: number;
  speed: number;
  fileName: string;
}
export interface UploadCompleteDetail {
  key: string;
  size: number;
  sha256: string;
  metadata: ClipMetadata;
  fileName: string;
}
export interface UploadErrorDetail {
  code: IneErrorCode;
  message: string;
  fileName: string;
}
/** Packaging of a completed upload ended: the clip is ready, or failed and why (`failureCode`, `failureParams`). */
export interface UploadPackagedDetail {
  key: string;
  fileName: string;
  videoId?: string;
  status: 'ready' | 'failed' | 'unknown';
  failureCode?: PackagingFailureCode;
  failureParams?: Record<string, string | number>;
  /** Ready but cut short: seconds of the recording that are lost. */
  lostSeconds?: number;
}
/** An upload begun on this browser and not finished: pick the same file to continue it. */
export interface UnfinishedUpload {
  fingerprint: string;
  fileName: string;
  size: number;
  /** Bytes sent when last noted (0 when unknown). */
  sent: number;
  title?: string;
  createdAt: string;
}

export interface UploadCancelDetail {
  key?: string;
  fileName: string;
}

export type UploadQueueEvent =
  | { type: 'change'; item?: UploadItem }
  | { type: 'start'; item: UploadItem; detail: UploadStartDetail }
  | { type: 'progress'; item: UploadItem; detail: UploadProgressDetail }
  | { type: 'complete'; item: UploadItem; detail: UploadCompleteDetail }
  | { type: 'error'; item: UploadItem; detail: UploadErrorDetail }
  | { type: 'cancel'; item: UploadItem; detail: UploadCancelDetail }
  | { type: 'packaged'; item: UploadItem; detail: UploadPackagedDetail };

/** Metadata as a caller or form gives it: lists as arrays or comma-separated text. */
export type MetadataInput = ClipMetadataInput;

export interface UploadQueueOptions {
  /** Effective configuration, read whenever a file is added or started (default: the page's). */
  config?: () => IneConfig;
  /** Credentials (default: `sharedCredentials(config)`, shared by the whole page). */
  credentials?: CredentialsLike;
  /** The S3 client (default: the queue's own, sharing the page's credentials, with upload progress). Tests pass one with extra middleware. */
  s3Client?: () => Promise<S3Client>;
  /** Multipart calls (default: over `s3Client`). */
  api?: MultipartApi;
  resumeStore?: ResumeStore;
  hasher?: Hasher;
  /** Files uploading at once (each with `concurrency` parts in flight). Default 2. */
  maxActiveFiles?: number;
  /** Per-element overrides of the configured part concurrency, read at start. */
  concurrency?: () => number | undefined;
  retry?: Partial<RetryPolicy>;
  /** Follow the browser's `online` / `offline` events (default true where they exist). */
  watchNetwork?: boolean;
  /** After an upload completes, follow its packaging until ready or failed (default true; needs `api.getJson`). */
  followPackaging?: boolean;
}

interface Entry {
  id: string;
  file: File;
  state: UploadState;
  metadata: ClipMetadata;
  session: UploadSession;
  /** Bytes S3 acknowledged. */
  loaded: number;
  /** Bytes of parts in flight, by part number. */
  inflight: Map<number, number>;
  lastTick: number;
  samples: Array<{ t: number; loaded: number }>;
  /** When this run's parts began to flow, and what S3 had then (for the page's link measure). */
  runStart?: { t: number; loaded: number };
  error?: { code: IneErrorCode; message: string };
  waitingFor?: 'offline' | 'backoff';
  resumable: boolean;
  resumeSent?: number;
  sha256?: string;
  brand?: string;
  controller?: AbortController;
  running?: Promise<void>;
  packaging?: PackagingProgress;
  /** Stops following packaging (removed from the queue, or the queue disposed). */
  packagingWatch?: AbortController;
}

export interface UploadQueue {
  readonly items: UploadItem[];
  get(id: string): UploadItem | undefined;
  /** Validate and add files; invalid ones are added in state `invalid` with their error. */
  addFiles(files: Iterable<File> | ArrayLike<File>, metadata?: MetadataInput | MetadataInput[]): Promise<UploadItem[]>;
  setMetadata(id: string, metadata: MetadataInput): void;
  /** Start one file, or every `ready` file that has a title. */
  start(id?: string): void;
  pause(id?: string): void;
  resume(id?: string): void;
  cancel(id?: string): Promise<void>;
  retry(id?: string): void;
  /** Drop a finished, invalid or cancelled file from the list. */
  remove(id: string): void;
  /**
   * Stop (false) or go on (true, the default) following the packaging of completed uploads: a view
   * that leaves the page stops its polls, and picks them up where they were when it comes back.
   */
  followPackaging(on: boolean): void;
  subscribe(listener: (e: UploadQueueEvent) => void): () => void;
  /**
   * Uploads begun on this browser and never finished (the resume store, for the configured
   * bucket), apart from files already in the queue: offered as soon as the page opens.
   */
  unfinished(): Promise<UnfinishedUpload[]>;
  /** Forget one (its multipart upload is left to the bucket's lifecycle rule). */
  forgetUnfinished(fingerprint: string): Promise<void>;
  /** Who uploads (the identity id that names its folder, `uploads/<identity>/`), from the credentials. */
  identityId(): Promise<string>;
  /** A conditional reader of one of this uploader's status documents, over the queue's S3 client ("Mis envíos"); undefined when packaging is not followed. */
  statusReader(statusKey: string): StatusReader | undefined;
  /** Whether S3 refused this user's uploads (nothing more is sent until `retry`). */
  readonly refused: boolean;
  dispose(): void;
}

const SPEED_WINDOW_MS = 10_000;
let counter = 0;

export function createUploadQueue(options: UploadQueueOptions = {}): UploadQueue {
  const config = options.config ?? getConfig;
  const entries: Entry[] = [];
  const listeners = new Set<(e: UploadQueueEvent) => void>();
  const store = options.resumeStore ?? defaultResumeStore();
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const maxActive = Math.max(1, options.maxActiveFiles ?? 2);
  let refused = false;
  let disposed = false;
  let apiCache: { key: string; api: Promise<MultipartApi>; progress?: Promise<ProgressTracker> } | undefined;

  const credentials = (): CredentialsLike => options.credentials ?? sharedCredentials(config());
  function transport(): { api: Promise<MultipartApi>; progress?: Promise<ProgressTracker> } {
    if (options.api) return { api: Promise.resolve(options.api) };
    const cfg = config();
    const key = `${cfg.bucket}|${cfg.s3Endpoint ?? ''}|${cfg.region}`;
    if (apiCache?.key !== key) {
      if (options.s3Client) {
        apiCache = { key, api: s3MultipartApi(options.s3Client, cfg.bucket) };
      } else {
        // Loaded with the SDK when the first upload starts, not in the first download.
        const own = import('./default-client.js').then((m) => m.uploadClient(cfg, config));
        apiCache = { key, api: s3MultipartApi(async () => (await own).client, cfg.bucket), progress: own.then((o) => o.progress) };
      }
    }
    return apiCache;
  }
  const api = () => transport().api;
  const hasher = () => options.hasher ?? sharedHasher();

  /** Between an `offline` event and the next `online` one. */
  let offline = false;
  const isOnline = () => !offline && (typeof navigator === 'undefined' || navigator.onLine !== false);
  const onlineWaiters = new Set<() => void>();
  const waitOnline = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (isOnline()) return resolve();
      const done = () => {
        onlineWaiters.delete(done);
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        onlineWaiters.delete(done);
        reject(signal.reason);
      };
      onlineWaiters.add(done);
      signal.addEventListener('abort', aborted, { once: true });
    });

  const win = globalThis as { addEventListener?: typeof addEventListener; removeEventListener?: typeof removeEventListener };
  const watch = (options.watchNetwork ?? true) && typeof win.addEventListener === 'function';
  const onOffline = () => {
    offline = true;
    for (const e of entries) {
      if (!ACTIVE_STATES.has(e.state) || e.state === 'completing') continue;
      e.waitingFor = 'offline';
      move(e, 'wait');
      e.controller?.abort(abortReason('offline'));
    }
  };
  const onOnline = () => {
    offline = false;
    for (const w of [...onlineWaiters]) w();
    for (const e of entries) if (e.state === 'waiting' && e.waitingFor === 'offline' && !e.running) move(e, 'resume');
    pump();
  };
  if (watch) {
    win.addEventListener!('offline', onOffline);
    win.addEventListener!('online', onOnline);
  }

  const inflightOf = (e: Entry) => (e.state === 'uploading' || e.state === 'waiting' ? [...e.inflight.values()].reduce((a, b) => a + b, 0) : 0);

  function snapshot(e: Entry): UploadItem {
    const total = e.file.size;
    const speed = speedOf(e);
    const loaded = Math.min(total, e.loaded + inflightOf(e));
    return {
      id: e.id,
      fileName: e.file.name,
      size: total,
      lastModified: e.file.lastModified,
      state: e.state,
      metadata: structuredClone(e.metadata),
      key: e.session.key,
      loaded,
      acknowledged: e.loaded,
      total,
      percent: total ? Math.min(100, (loaded / total) * 100) : 0,
      speed,
      eta: speed > 0 && e.state !== 'complete' ? (total - loaded) / speed : undefined,
      hashed: e.session.hashed,
      sha256: e.sha256,
      error: e.error ? { ...e.error } : undefined,
      waitingFor: e.state === 'waiting' ? e.waitingFor : undefined,
      resumable: e.resumable,
      ...(e.resumeSent !== undefined ? { resumeSent: e.resumeSent } : {}),
      resumed: e.session.resumed,
      partSize: e.session.partSize,
      partsSent: e.session.partsSent,
      bytesSent: e.session.bytesSent,
      brand: e.brand,
      packaging: e.packaging && { ...e.packaging },
    };
  }

  function speedOf(e: Entry): number {
    if (e.state !== 'uploading' && e.state !== 'waiting') return 0;
    const now = Date.now();
    const recent = e.samples.filter((s) => now - s.t <= SPEED_WINDOW_MS);
    if (recent.length < 2) return 0;
    const first = recent[0];
    const last = recent[recent.length - 1];
    const dt = (now - first.t) / 1000;
    return dt > 0 ? (last.loaded - first.loaded) / dt : 0;
  }

  function emit(ev: UploadQueueEvent): void {
    for (const l of [...listeners]) {
      try {
        l(ev);
      } catch (err) {
        console.error('[ine-uploader] listener failed', err);
      }
    }
  }
  const changed = (e?: Entry) => emit({ type: 'change', item: e && snapshot(e) });

  function move(e: Entry, event: UploadEvent): boolean {
    const next = transition(e.state, event);
    if (!next) return false;
    e.state = next;
    changed(e);
    return true;
  }

  function find(id: string): Entry {
    const e = entries.find((x) => x.id === id);
    if (!e) throw new IneError('NotFound', `No upload with id ${id}`);
    return e;
  }
  const targets = (id?: string) => (id === undefined ? [...entries] : [find(id)]);

  function fail(e: Entry, err: IneError): void {
    e.error = { code: err.code, message: err.message };
    if (err.code === 'UploadNotAllowed') refused = true;
    if (!move(e, 'fail')) return;
    emit({ type: 'error', item: snapshot(e), detail: { code: err.code, message: err.message, fileName: e.file.name } });
  }

  function pump(): void {
    if (disposed) return;
    let active = entries.filter((e) => e.running).length;
    for (const e of entries) {
      if (active >= maxActive) break;
      if (e.state !== 'queued' || e.running) continue;
      if (refused) {
        fail(e, new IneError('UploadNotAllowed', 'Uploads were refused for this user'));
        continue;
      }
      active++;
      e.running = run(e).finally(() => {
        e.running = undefined;
        // Stopped for being offline, and the network came back before it finished stopping.
        if (e.state === 'waiting' && e.waitingFor === 'offline' && isOnline()) move(e, 'resume');
        pump();
      });
    }
  }

  async function run(e: Entry): Promise<void> {
    if (!move(e, 'run')) return;
    const controller = new AbortController();
    e.controller = controller;
    e.error = undefined;
    const cfg = config();
    const concurrency = Math.max(1, Math.floor(options.concurrency?.() ?? cfg.upload.concurrency ?? 4));
    const s = e.session;
    // A file not yet begun gets parts fitted to the link this page measured (a resumed upload
    // keeps the part size it was begun with).
    if (!s.uploadId && s.done.size === 0 && !s.sha) {
      s.partSize = choosePartSize(e.file.size, {
        minPartSize: cfg.upload.minPartSize,
        partSize: cfg.upload.partSize,
        linkBytesPerSecond: linkSpeed(),
        concurrency,
      });
    }
    e.runStart = undefined;
    try {
      const result = await runMultipart({
        file: e.file,
        metadata: e.metadata,
        bucket: cfg.bucket,
        concurrency,
        session: e.session,
        api: await api(),
        progress: await transport().progress,
        credentials: credentials(),
        store,
        hasher: hasher(),
        signal: controller.signal,
        policy,
        isOnline,
        waitOnline,
        on: {
          begin: ({ key, resumed, alreadySent }) => {
            e.loaded = alreadySent;
            e.inflight.clear();
            e.samples = [{ t: Date.now(), loaded: alreadySent }];
            e.runStart = { t: Date.now(), loaded: alreadySent };
            move(e, 'begin');
            emit({
              type: 'start',
              item: snapshot(e),
              detail: { key, size: e.file.size, metadata: structuredClone(e.metadata), resumed, fileName: e.file.name },
            });
          },
          partProgress: (part, sent) => {
            if (sent > 0) e.inflight.set(part.partNumber, Math.min(sent, part.size));
            else e.inflight.delete(part.partNumber);
            const now = Date.now();
            // At most a few UI updates a second, however many parts report.
            if (sent > 0 && now - e.lastTick < 200) return;
            e.lastTick = now;
            e.samples.push({ t: now, loaded: e.loaded + inflightOf(e) });
            if (e.samples.length > 200) e.samples.splice(0, e.samples.length - 200);
            changed(e);
          },
          partDone: (part) => {
            e.inflight.delete(part.partNumber);
            e.loaded += part.size;
            if (e.session.fingerprint) void store.noteSent?.(e.session.fingerprint, e.loaded);
            e.samples.push({ t: Date.now(), loaded: e.loaded + inflightOf(e) });
            if (e.samples.length > 200) e.samples.splice(0, e.samples.length - 200);
            // A part S3 answered just as the browser went offline counts, but the upload stays
            // waiting for the network: only a wait for anything else ends with a part done.
            if (e.state === 'waiting' && (e.waitingFor !== 'offline' || isOnline())) move(e, 'continue');
            else changed(e);
            emit({
              type: 'progress',
              item: snapshot(e),
              detail: { key: e.session.key!, loaded: e.loaded, total: e.file.size, speed: speedOf(e), fileName: e.file.name },
            });
          },
          wait: (reason) => {
            e.waitingFor = reason;
            if (e.state === 'uploading') move(e, 'wait');
            else changed(e);
          },
          hashed: () => {
            // Hashing reports every chunk: at most a few UI updates a second, as for progress.
            const now = Date.now();
            if (now - e.lastTick < 200 && e.session.hashed < e.file.size) return;
            e.lastTick = now;
            changed(e);
          },
          finishing: () => {
            if (e.state === 'waiting') move(e, 'continue');
            move(e, 'finish');
          },
        },
      });
      e.sha256 = result.sha256;
      const began = e.runStart as Entry['runStart']; // set by `begin` meanwhile
      if (began) recordLinkSpeed(e.loaded - began.loaded, (e.samples.at(-1)!.t - began.t) / 1000);
      e.loaded = e.file.size;
      e.inflight.clear();
      if (move(e, 'done')) {
        emit({
          type: 'complete',
          item: snapshot(e),
          detail: { key: result.key, size: result.size, sha256: result.sha256, metadata: structuredClone(e.metadata), fileName: e.file.name },
        });
        void followPackaging(e, result.key);
      }
    } catch (err) {
      // Paused, cancelled or gone offline: the state already says so.
      if (controller.signal.aborted || isAbort(err)) return;
      fail(e, classify(err));
    } finally {
      if (e.controller === controller) e.controller = undefined;
    }
  }

  /** After the upload: its status document, until the clip is ready or failed. */
  let following = true;
  async function followPackaging(e: Entry, key: string): Promise<void> {
    const statusKey = uploadStatusKeyFor(key);
    const a = options.followPackaging === false || !statusKey ? undefined : await api();
    const getJson = a?.getJson?.bind(a);
    if (!getJson || disposed || !following || e.packagingWatch || !entries.includes(e)) return;
    const watch = (e.packagingWatch = new AbortController());
    watch.signal.addEventListener('abort', () => e.packagingWatch === watch && (e.packagingWatch = undefined));
    watchPackaging(
      (etag, signal) => getJson(statusKey!, etag, signal),
      (p) => {
        e.packaging = p;
        changed(e);
        if (!isFinalPackaging(p)) return;
        emit({
          type: 'packaged',
          item: snapshot(e),
          detail: {
            key,
            fileName: e.file.name,
            status: p.status as UploadPackagedDetail['status'],
            ...('videoId' in p ? { videoId: p.videoId } : {}),
            ...(p.status === 'failed' ? { failureCode: p.code, failureParams: { ...p.params } } : {}),
            ...(p.status === 'ready' && p.lostSeconds !== undefined ? { lostSeconds: p.lostSeconds } : {}),
          },
        });
      },
      watch.signal,
      Date.now,
      e.packaging,
    );
  }

  function abortReason(why: string): Error {
    return Object.assign(new Error(`Upload ${why}`), { name: 'AbortError', why });
  }

  const queue: UploadQueue = {
    get items() {
      return entries.map(snapshot);
    },
    get refused() {
      return refused;
    },
    get: (id) => {
      const e = entries.find((x) => x.id === id);
      return e && snapshot(e);
    },

    async addFiles(files, metadata) {
      const list = Array.from(files as ArrayLike<File>);
      const cfg = config();
      const seen = new Set(entries.filter((e) => e.state !== 'cancelled' && e.state !== 'invalid').map((e) => identityKey(e.file)));
      const added: Entry[] = [];
      for (const [i, file] of list.entries()) {
        const given = Array.isArray(metadata) ? metadata[i] : metadata;
        const e: Entry = {
          id: `u${++counter}-${Date.now().toString(36)}`,
          file,
          state: 'ready',
          metadata: normalizeMetadata(given ?? {}),
          session: newSession(1),
          loaded: 0,
          inflight: new Map(),
          lastTick: 0,
          samples: [],
          resumable: false,
        };
        const v = await validateFile(file, { maxFileSize: cfg.upload.maxFileSize, queued: seen });
        if (!v.ok) {
          e.state = 'invalid';
          e.brand = v.majorBrand;
          e.error = { code: v.code, message: validationMessage(v.code) };
        } else {
          seen.add(identityKey(file));
          e.brand = v.majorBrand;
          e.session = newSession(choosePartSize(file.size, { minPartSize: cfg.upload.minPartSize, partSize: cfg.upload.partSize }));
          // An unfinished upload of this very file? Offer to continue it, with its metadata.
          try {
            e.session.fingerprint = await fingerprint(file);
            const rec = await store.get(e.session.fingerprint);
            if (rec && rec.size === file.size && rec.bucket === cfg.bucket) {
              e.resumable = true;
              if (rec.sent !== undefined) e.resumeSent = rec.sent;
              e.metadata = normalizeMetadata({ ...rec.metadata, ...stripEmpty(given ?? {}) });
            }
          } catch {
            // Fingerprinting is a convenience; the upload can still start afresh.
          }
        }
        entries.push(e);
        added.push(e);
      }
      changed();
      for (const e of added) {
        if (e.state === 'invalid')
          emit({ type: 'error', item: snapshot(e), detail: { code: e.error!.code, message: e.error!.message, fileName: e.file.name } });
      }
      return added.map(snapshot);
    },

    setMetadata(id, metadata) {
      const e = find(id);
      if (e.state === 'complete' || e.state === 'cancelled' || e.state === 'invalid') return;
      e.metadata = normalizeMetadata({ ...e.metadata, ...metadata });
      changed(e);
    },

    start(id) {
      for (const e of targets(id)) {
        if (e.state !== 'ready') continue;
        if (!e.metadata.title) {
          if (id !== undefined) throw new IneError('TitleRequired', 'A title is required before uploading');
          continue;
        }
        move(e, 'start');
      }
      pump();
    },

    pause(id) {
      for (const e of targets(id)) {
        if (e.state === 'completing' || !move(e, 'pause')) continue;
        e.controller?.abort(abortReason('paused'));
      }
    },

    resume(id) {
      for (const e of targets(id)) if (e.state === 'paused' || (e.state === 'waiting' && !e.running)) move(e, 'resume');
      pump();
    },

    async cancel(id) {
      const work: Promise<void>[] = [];
      for (const e of targets(id)) {
        if (!move(e, 'cancel')) continue;
        e.controller?.abort(abortReason('cancelled'));
        e.session.hashAbort?.abort();
        work.push(
          (async () => {
            await e.running?.catch(() => undefined);
            const { key, uploadId, fingerprint: fp } = e.session;
            if (key && uploadId) {
              try {
                await (await api()).abort(key, uploadId);
              } catch (err) {
                // Already gone is fine; anything else is left to the bucket's lifecycle rule.
                if (classify(err).code !== 'NoSuchUpload' && classify(err).code !== 'NotFound') console.warn('[ine-uploader] abort failed', err);
              }
            }
            if (fp) await store.delete(fp);
            e.session = newSession(e.session.partSize);
            emit({ type: 'cancel', item: snapshot(e), detail: { key, fileName: e.file.name } });
          })(),
        );
      }
      await Promise.all(work);
    },

    retry(id) {
      for (const e of targets(id)) {
        if (e.state !== 'error') continue;
        if (e.error?.code === 'UploadNotAllowed') refused = false;
        e.error = undefined;
        move(e, 'retry');
      }
      pump();
    },

    remove(id) {
      const i = entries.findIndex((x) => x.id === id);
      if (i < 0) return;
      const e = entries[i];
      if (ACTIVE_STATES.has(e.state) || e.state === 'queued') throw new IneError('Busy', 'Cancel the upload before removing it');
      entries.splice(i, 1);
      e.packagingWatch?.abort();
      changed();
    },

    followPackaging(on) {
      following = on;
      for (const e of entries) {
        if (!on) e.packagingWatch?.abort();
        else if (e.state === 'complete' && e.session.key && !isFinalPackaging(e.packaging)) void followPackaging(e, e.session.key);
      }
    },

    async unfinished() {
      const bucket = config().bucket;
      const inQueue = new Set(entries.map((e) => e.session.fingerprint).filter(Boolean));
      return (await store.list())
        .filter((r) => r.bucket === bucket && !inQueue.has(r.fingerprint))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((r) => ({
          fingerprint: r.fingerprint,
          fileName: r.fileName,
          size: r.size,
          sent: Math.min(r.size, r.sent ?? 0),
          ...(r.metadata?.title ? { title: r.metadata.title } : {}),
          createdAt: r.createdAt,
        }));
    },

    forgetUnfinished: (fingerprint) => store.delete(fingerprint),

    identityId: () => credentials().identityId(),

    statusReader(statusKey) {
      if (options.followPackaging === false) return undefined;
      return async (etag, signal) => {
        const a = await api();
        if (!a.getJson) throw new IneError('Config', 'This S3 client cannot read status documents');
        return a.getJson(statusKey, etag, signal);
      };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      disposed = true;
      for (const e of entries) {
        e.controller?.abort(abortReason('disposed'));
        e.session.hashAbort?.abort();
        e.packagingWatch?.abort();
      }
      if (watch) {
        win.removeEventListener!('offline', onOffline);
        win.removeEventListener!('online', onOnline);
      }
      listeners.clear();
    },
  };
  return queue;
}

function stripEmpty(m: MetadataInput): MetadataInput {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));
}

function validationMessage(code: IneErrorCode): string {
  switch (code) {
    case 'AlreadyQueued':
      return 'This file is already in the queue';
    case 'EmptyFile':
      return 'The file is empty';
    case 'TooLarge':
      return 'The file is larger than the allowed maximum';
    case 'NotMp4':
      return 'The file is not an mp4 video';
    case 'Unreadable':
      return 'The file could not be read';
    default:
      return code;
  }
}
