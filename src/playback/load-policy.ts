/**
 * How the player loads and recovers, as plain decisions (no DOM): which step a load takes, which
 * code a failure becomes, and when the player retries by itself. The player's source controller
 * (elements/player/source-controller.ts) applies them; the status → code and retry rules
 * themselves are the shared ones (internal/error-codes.ts), not repeated here.
 */
import { codeForStatus, retryRule, type IneErrorCode } from '../internal/error-codes.js';
import type { NoPlan } from './source-plan.js';

/** Retries the player makes by itself after an `auto` error, in a row (reset once playback runs). */
export const AUTO_RETRY_LIMIT = 6;
/** The n-th automatic retry (from 0) waits (n + 1) × this: 2, 4, 6… s. */
export const AUTO_RETRY_STEP_MS = 2000;

/** Milliseconds until the player retries `code` by itself after `attempts` retries; undefined: it does not. */
export function autoRetryDelay(code: IneErrorCode, attempts: number): number | undefined {
  return retryRule(code) === 'auto' && attempts < AUTO_RETRY_LIMIT ? AUTO_RETRY_STEP_MS * (attempts + 1) : undefined;
}

/** Network trouble: the browser coming back `online` is worth a retry at once. */
export const retriesWhenOnline = (code: IneErrorCode | undefined): boolean => code === 'Network';

/**
 * What a load does: `keep` (same source, nothing to load again), `adopt` (take over what the
 * script-tag loader started, which is this very source) or `fresh`. A forced load (retry) is fresh.
 */
export function loadStep(key: string, loadedKey: string, force: boolean, earlyKey?: string): 'keep' | 'adopt' | 'fresh' {
  if (force) return 'fresh';
  if (key === loadedKey) return 'keep';
  return key === earlyKey ? 'adopt' : 'fresh';
}

/**
 * The error shown when there is nothing to play. `Config` (a video-id without a CDN) only once the
 * page configuration has settled (a `configUrl` may still bring one); an empty player with no
 * `src` attribute at all shows nothing.
 */
export function noPlanCode(reason: NoPlan['reason'], hasSrcAttribute: boolean): 'Config' | 'NoSource' | undefined {
  if (reason === 'NoCdn') return 'Config';
  return reason === 'NoSource' || hasSrcAttribute ? 'NoSource' : undefined;
}

/**
 * hls.js gave up on a request that got `status` (0: no answer). Only a missing master playlist
 * means the clip is gone (or unpublished); a missing segment is a network fault.
 */
export function networkFailureCode(status: number, onManifest: boolean): IneErrorCode {
  const code = codeForStatus(status, 'cdn');
  return onManifest && code === 'NotFound' ? 'NotFound' : code === 'ServerError' ? 'ServerError' : 'Network';
}

/**
 * The `<video>`'s own error (native and progressive paths), by `MediaError.code`. Undefined for
 * MEDIA_ERR_SRC_NOT_SUPPORTED, which means both "404" and "codec not supported": then the
 * server's answer to a HEAD tells which (`unplayableCode`).
 */
export function mediaErrorCode(code: number): IneErrorCode | undefined {
  return code === 2 ? 'Network' : code === 3 ? 'Decode' : undefined; // MEDIA_ERR_NETWORK, MEDIA_ERR_DECODE
}

/** A source the `<video>` refused, by the HEAD status of its URL (0: no answer). */
export const unplayableCode = (headStatus: number): IneErrorCode => codeForStatus(headStatus, 'cdn') ?? 'Unsupported';

/**
 * Errors hls.js gets past by itself once it loads again (then the error panel goes away): the
 * transient ones, by the shared retry rule (of those, hls.js reports Network and ServerError).
 */
export const clearsOnRecovery = (code: IneErrorCode | undefined): boolean => code !== undefined && retryRule(code) === 'auto';

/**
 * Whether retrying resumes the running hls.js engine from where playback stopped (keeping its
 * buffer), after a network fault it can get past; otherwise retrying loads the source again.
 */
export function retryResumes(code: IneErrorCode | undefined, engine?: { needsReload: boolean }): boolean {
  return clearsOnRecovery(code) && !!engine && !engine.needsReload;
}
