/**
 * Retry timing: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff
 * and Jitter"): wait a uniformly random time in [0, min(cap, base × 2^attempt)). Full jitter spreads
 * the retries of many clients (and of our own parallel parts) instead of retrying in lockstep.
 */
export interface BackoffOptions {
  /** First ceiling, ms. */
  baseMs?: number;
  /** Largest ceiling, ms. */
  capMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { baseMs: 500, capMs: 30_000 };

/** The ceiling of the wait before retry number `attempt` (0-based). */
export function backoffCeiling(attempt: number, opts: BackoffOptions = {}): number {
  const { baseMs, capMs } = { ...DEFAULT_BACKOFF, ...opts };
  // 2 ** attempt overflows to Infinity for large attempts; Math.min handles it.
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}

/** The wait before retry number `attempt` (0-based), with full jitter. `random` returns [0, 1). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(attempt, opts));
}

/** Resolve after `ms`, or reject with an `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('Aborted'), { name: 'AbortError' });
}
