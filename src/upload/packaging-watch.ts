/**
 * After an upload completes, what packaging makes of it: the queue reads the upload's status
 * document (`uploads/<identity>/<upload>.status.json`, src/contract/upload-status.ts, written by
 * packaging next to the manifest) until the clip is ready or failed, so the uploader's card can say
 * "Falló" and why instead of "Completado". Polling, because the uploader has no other channel:
 * quick at first (a failure is usually found in seconds, before encoding), then slower, stopping
 * after `WATCH_LIMIT_MS`. Conditional reads (`If-None-Match`) keep the polls cheap. DOM-free.
 */
import { isPackagingFailureCode, type PackagingFailureCode } from '../contract/packaging-failures.js';
import { PACKAGING_STEP_NAMES, UPLOAD_STATUS_VERSION, type UploadProgress, type UploadStatus } from '../contract/upload-status.js';

/** What the uploader knows of an upload's packaging. */
export type PackagingProgress =
  /** No status yet (packaging has not claimed the upload). */
  | { status: 'waiting' }
  | { status: 'processing'; videoId: string; progress?: UploadProgress; title?: string }
  /** `published`: an admin made it public (absent while it waits for review). */
  | { status: 'ready'; videoId: string; lostSeconds?: number; published?: true; title?: string }
  | { status: 'failed'; videoId: string; code: PackagingFailureCode; params: Record<string, string | number>; title?: string }
  /** Stopped watching without an answer (the limit passed): the upload itself is complete. */
  | { status: 'unknown' };

export const FIRST_POLL_MS = 1000;
export const MAX_POLL_MS = 15_000;
/** A clip waiting for review changes when a person acts: polled less and less often, up to once a minute. */
export const REVIEW_POLL_MS = 60_000;
/** Beyond the longest a job may take (1 h by default) plus time in the queue. */
export const WATCH_LIMIT_MS = 2 * 60 * 60 * 1000;

/** The wait before poll `n` (from 0): 1 s, 1.5 s, 2.25 s… up to 15 s. */
export const pollDelay = (n: number): number => Math.min(MAX_POLL_MS, Math.round(FIRST_POLL_MS * 1.5 ** n));

/** An upload status document as read, or undefined when it is not one (a newer version, garbage). */
export function parseUploadStatus(value: unknown): PackagingProgress | undefined {
  const s = value as Partial<UploadStatus> | null;
  if (!s || typeof s !== 'object' || s.schemaVersion !== UPLOAD_STATUS_VERSION || typeof s.videoId !== 'string') return undefined;
  const videoId = s.videoId;
  const title = typeof s.title === 'string' && s.title ? { title: s.title } : {};
  if (s.status === 'processing') {
    const progress = progressOf(s.progress);
    return { status: 'processing', videoId, ...(progress ? { progress } : {}), ...title };
  }
  if (s.status === 'ready')
    return {
      status: 'ready',
      videoId,
      ...(typeof s.lostSeconds === 'number' ? { lostSeconds: s.lostSeconds } : {}),
      ...(s.published === true ? { published: true as const } : {}),
      ...title,
    };
  if (s.status === 'failed') {
    const params = s.failureParams && typeof s.failureParams === 'object' ? s.failureParams : {};
    return { status: 'failed', videoId, code: isPackagingFailureCode(s.failureCode) ? s.failureCode : 'internal-error', params, ...title };
  }
  return undefined;
}

function progressOf(p: unknown): UploadProgress | undefined {
  const v = p as Partial<UploadProgress> | null | undefined;
  if (!v || typeof v !== 'object' || !PACKAGING_STEP_NAMES.includes(v.step as never)) return undefined;
  if (typeof v.fraction !== 'number' || !(v.fraction >= 0 && v.fraction <= 1)) return undefined;
  const eta = typeof v.etaSeconds === 'number' && v.etaSeconds >= 0 ? { etaSeconds: v.etaSeconds } : {};
  return { step: v.step!, fraction: v.fraction, ...eta };
}

export const isFinalPackaging = (p: PackagingProgress | undefined): boolean =>
  p?.status === 'ready' || p?.status === 'failed' || p?.status === 'unknown';

export interface WatchOptions {
  /** When to stop (default isFinalPackaging: ready or failed). */
  isFinal?(p: PackagingProgress | undefined): boolean;
}

export type StatusReader = (etag?: string, signal?: AbortSignal) => Promise<{ value: unknown; etag?: string } | 'missing' | 'unchanged'>;

/**
 * Follows one upload's packaging: `report` is called with each new progress, the last one final.
 * Read errors (network, throttling) only mean polling again later. Stops when `signal` aborts.
 * `known`: the progress already reported (a watch taken up again), not reported twice.
 */
export function watchPackaging(
  read: StatusReader,
  report: (p: PackagingProgress) => void,
  signal: AbortSignal,
  now: () => number = Date.now,
  known?: PackagingProgress,
  opts: WatchOptions = {},
): void {
  const isFinal = opts.isFinal ?? isFinalPackaging;
  const until = now() + WATCH_LIMIT_MS;
  let etag: string | undefined;
  let last = known ? JSON.stringify(known) : '';
  let current = known;
  let n = 0;
  const tell = (p: PackagingProgress) => {
    const key = JSON.stringify(p);
    if (key === last) return;
    last = key;
    current = p;
    report(p);
  };
  const poll = async (): Promise<void> => {
    if (signal.aborted) return;
    let progress: PackagingProgress | undefined;
    try {
      const got = await read(etag, signal);
      if (got === 'missing') progress = { status: 'waiting' };
      else if (got !== 'unchanged') {
        etag = got.etag;
        progress = parseUploadStatus(got.value);
      }
    } catch {
      // Network or service trouble: the next poll tries again.
    }
    if (signal.aborted) return;
    if (progress) tell(progress);
    if (isFinal(progress)) return;
    if (now() >= until) return tell({ status: 'unknown' });
    const delay = current?.status === 'ready' ? Math.min(REVIEW_POLL_MS, Math.round(FIRST_POLL_MS * 1.5 ** n++)) : pollDelay(n++);
    setTimeout(() => void poll(), delay);
  };
  if (!known) tell({ status: 'waiting' });
  setTimeout(() => void poll(), pollDelay(n++));
}
