/**
 * What one upload may ask of the packager, checked before any encoding starts (locally before
 * ffmpeg runs, on AWS before the MediaConvert job is submitted), so that no single upload can hold
 * the packager for hours: a tiny file can hold ten minutes of 1080p60 black frames. The one
 * definition of these limits, shared by server/packager and infra/packaging; each can be set by an
 * environment variable of the same name in the stand-in and in the Lambda (docs/packaging.md).
 */
import { PackagingFailure } from './errors.js';
import type { SourceInfo } from './probe.js';

export interface PackagingLimits {
  /** Largest source file, bytes (the uploader's own default maximum). */
  maxBytes: number;
  /** Longest source, seconds. */
  maxDurationSeconds: number;
  /** Largest picture by its long and short side, so portrait sources get the same limit. */
  maxLongSide: number;
  maxShortSide: number;
  /** Highest source frame rate (frames per second; 59.94 and 60 both pass 60). */
  maxFps: number;
  /** Wall-clock limit of one local job (download, encoding, upload); MediaConvert has no such setting. */
  jobTimeoutSeconds: number;
}

export const DEFAULT_LIMITS: Readonly<PackagingLimits> = Object.freeze({
  maxBytes: 50_000_000_000,
  maxDurationSeconds: 4 * 3600,
  maxLongSide: 3840,
  maxShortSide: 2160,
  maxFps: 60,
  jobTimeoutSeconds: 3600,
});

/** The environment variable that sets each limit. */
export const LIMIT_ENV: Readonly<Record<keyof PackagingLimits, string>> = Object.freeze({
  maxBytes: 'INE_PACKAGER_MAX_BYTES',
  maxDurationSeconds: 'INE_PACKAGER_MAX_SECONDS',
  maxLongSide: 'INE_PACKAGER_MAX_LONG_SIDE',
  maxShortSide: 'INE_PACKAGER_MAX_SHORT_SIDE',
  maxFps: 'INE_PACKAGER_MAX_FPS',
  jobTimeoutSeconds: 'INE_PACKAGER_JOB_TIMEOUT_SECONDS',
});

/**
 * Defaults, overridden by the environment, overridden by `overrides` (tests). A value that is not
 * a positive number is a configuration mistake: refused loudly rather than silently unlimited.
 */
export function resolveLimits(overrides: Partial<PackagingLimits> = {}, env: NodeJS.ProcessEnv = process.env): PackagingLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof PackagingLimits)[]) {
    const raw = env[LIMIT_ENV[name]];
    const value = overrides[name] ?? (raw === undefined || raw === '' ? undefined : Number(raw));
    if (value === undefined) continue;
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new Error(`Packaging limit ${name} (${LIMIT_ENV[name]}) must be a positive number, not ${String(raw ?? value)}`);
    }
    out[name] = value;
  }
  return out;
}

const round = (n: number, digits = 2) => String(Math.round(n * 10 ** digits) / 10 ** digits);
const hms = (s: number) => {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor(t / 60) % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${t % 60} s` : `${t} s`;
};

/** Refuses a source larger than the limit (checked from the manifest, before any byte is read). */
export function assertSizeWithinLimits(bytes: number, limits: PackagingLimits): void {
  if (bytes > limits.maxBytes) {
    throw new PackagingFailure('file-too-large', `The file is ${bytes} bytes; the packager accepts at most ${limits.maxBytes} bytes.`, {
      bytes,
      maxBytes: limits.maxBytes,
    });
  }
}

/** Refuses a probed source over a limit, before any encoding starts. */
export function assertSourceWithinLimits(info: SourceInfo, limits: PackagingLimits): void {
  if (info.durationSeconds > limits.maxDurationSeconds) {
    throw new PackagingFailure(
      'too-long',
      `The file lasts ${hms(info.durationSeconds)}; the packager accepts at most ${hms(limits.maxDurationSeconds)}.`,
      {
        durationSeconds: Math.round(info.durationSeconds),
        maxSeconds: limits.maxDurationSeconds,
      },
    );
  }
  const v = info.video;
  if (!v) return;
  const long = Math.max(v.width, v.height);
  const short = Math.min(v.width, v.height);
  if (long > limits.maxLongSide || short > limits.maxShortSide) {
    throw new PackagingFailure(
      'resolution-too-high',
      `The picture is ${v.width}x${v.height}; the packager accepts at most ${limits.maxLongSide}x${limits.maxShortSide} (either orientation).`,
      { width: v.width, height: v.height, maxLongSide: limits.maxLongSide, maxShortSide: limits.maxShortSide },
    );
  }
  // Half a frame per second of slack: 59.94 and 60.0 are both "60".
  if (v.sourceFps > limits.maxFps + 0.5) {
    throw new PackagingFailure(
      'frame-rate-too-high',
      `The video has ${round(v.sourceFps)} frames per second; the packager accepts at most ${limits.maxFps}.`,
      {
        fps: Number(round(v.sourceFps)),
        maxFps: limits.maxFps,
      },
    );
  }
}

/** The failure recorded when a job runs past `jobTimeoutSeconds`. */
export const timedOutFailure = (limits: PackagingLimits): PackagingFailure =>
  new PackagingFailure('timed-out', `Packaging took longer than the ${hms(limits.jobTimeoutSeconds)} a job may take, and was stopped.`, {
    maxSeconds: limits.jobTimeoutSeconds,
  });
