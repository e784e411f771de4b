/**
 * Our own retry layer around each S3 call (the SDK's retries are few: `maxAttempts` 4 on the shared
 * client, and it does not treat a refused connection as transient). It classifies errors, waits
 * with full-jitter backoff, waits for the network when the browser says it is offline, and swaps
 * credentials when S3 says they expired.
 */
import { IneError, toIneError } from '../internal/errors.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';

export interface RetryPolicy extends BackoffOptions {
  /** Attempts for network errors, 5xx and throttling (a stopped server, a flaky link). */
  maxAttempts: number;
  /** Attempts for a part S3 rejected as corrupted (checksum mismatch). */
  maxChecksumAttempts: number;
  /** Fresh-credential retries in a row after `ExpiredToken`. */
  maxCredentialRefreshes: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, maxChecksumAttempts: 3, maxCredentialRefreshes: 3, baseMs: 500, capMs: 20_000 };

export interface RetryHooks {
  signal: AbortSignal;
  policy: RetryPolicy;
  /** Drop cached credentials (S3 answered `ExpiredToken`). */
  invalidateCredentials(): void;
  isOnline(): boolean;
  waitOnline(signal: AbortSignal): Promise<void>;
  /** Called when a wait begins (`offline`, or a backoff of `ms`). */
  onWait?(reason: 'offline' | 'backoff', ms: number, error: IneError): void;
}

/** S3's answers to a part whose bytes do not match its checksum. */
const CHECKSUM_ERRORS = new Set(['BadDigest', 'InvalidDigest', 'XAmzContentChecksumMismatch', 'XAmzContentSHA256Mismatch', 'ChecksumMismatch']);

/** `toIneError`, plus the uploader's own codes. */
export function classify(err: unknown): IneError {
  const raw = err as { name?: string; Code?: string; message?: string } | undefined;
  const name = raw?.name ?? raw?.Code ?? '';
  if (CHECKSUM_ERRORS.has(name) || (name === 'InvalidRequest' && /checksum/i.test(raw?.message ?? ''))) {
    return new IneError('ChecksumMismatch', raw?.message, err, 400);
  }
  if (name === 'NoSuchUpload') return new IneError('NoSuchUpload', raw?.message, err, 404);
  return toIneError(err);
}

export const isAbort = (e: unknown): boolean => {
  const n = (e as { name?: string } | undefined)?.name;
  return n === 'AbortError' || (e instanceof IneError && e.code === 'Aborted');
};

export async function withRetries<T>(hooks: RetryHooks, fn: () => Promise<T>): Promise<T> {
  const { signal, policy } = hooks;
  let transient = 0;
  let checksum = 0;
  let refreshes = 0;
  for (;;) {
    try {
      return await fn();
    } catch (raw) {
      if (signal.aborted) throw signal.reason ?? raw;
      const e = classify(raw);
      if (e.code === 'Aborted') throw e;
      if (e.code === 'ExpiredCredentials' && refreshes++ < policy.maxCredentialRefreshes) {
        hooks.invalidateCredentials();
        continue;
      }
      if (e.code === 'ChecksumMismatch') {
        if (++checksum >= policy.maxChecksumAttempts) throw e;
        continue;
      }
      if (!e.retryable) throw e;
      if (!hooks.isOnline()) {
        // Offline: waiting for the network does not use up attempts.
        hooks.onWait?.('offline', 0, e);
        await hooks.waitOnline(signal);
        continue;
      }
      if (++transient >= policy.maxAttempts) throw e;
      const ms = backoffDelay(transient - 1, policy);
      hooks.onWait?.('backoff', ms, e);
      await sleep(ms, signal);
    }
  }
}
