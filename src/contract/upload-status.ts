/**
 * `uploads/<identity id>/<upload id>.status.json`: what became of one upload, written by the
 * packaging core next to the uploader's own manifest each time the clip's record changes state
 * (packaging/clip-store.ts), and read by the uploader that sent it (its role may read its own
 * folder's `*.status.json` and nothing else: infra/policies/uploader.json). It carries no reason
 * in prose (the uploader translates the code) and of the metadata only the title, which the
 * uploader gave itself (an admin may have corrected it since).
 *
 * Also written while packaging runs (`progress`, packaging/upload-progress.ts) and by the catalog
 * indexer after any record change (publication included: core/index/upload-status.ts), so the
 * uploader's "Mis envíos" follows the clip to `published` without any right to read its record.
 */
import type { PackagingFailureCode } from './packaging-failures.js';

export const UPLOAD_STATUS_VERSION = 1;

/**
 * The stages an upload goes through as its sender sees them ("Mis envíos"), in order; the one
 * definition (the status document's `stage`, the uploader's state model, the translations).
 * `uploading` is only known to the uploader's page; packaging writes the others.
 */
export const UPLOAD_STAGES = ['uploading', 'processing', 'review', 'published', 'failed'] as const;
export type UploadStage = (typeof UPLOAD_STAGES)[number];

/**
 * The steps of packaging, in order, with the share of the whole each one usually takes (encoding
 * dominates); `progress.fraction` runs over all of them.
 */
export const PACKAGING_STEPS = [
  { name: 'verifying', share: 0.1 },
  { name: 'encoding', share: 0.8 },
  { name: 'storing', share: 0.1 },
] as const;
export type PackagingStep = (typeof PACKAGING_STEPS)[number]['name'];
export const PACKAGING_STEP_NAMES: readonly PackagingStep[] = PACKAGING_STEPS.map((s) => s.name);

/** The fraction of the whole packaging done when `step` is `within` (0–1) done. */
export function packagingFraction(step: PackagingStep, within: number): number {
  let before = 0;
  for (const s of PACKAGING_STEPS) {
    if (s.name === step) return Math.min(1, before + s.share * Math.max(0, Math.min(1, within)));
    before += s.share;
  }
  return 0;
}

/** The stage of a clip record's state (what the status document's `stage` says). */
export function uploadStageOf(r: { status: 'processing' | 'ready' | 'failed'; published?: boolean }): Exclude<UploadStage, 'uploading'> {
  if (r.status === 'failed') return 'failed';
  if (r.status === 'processing') return 'processing';
  return r.published ? 'published' : 'review';
}

/** Packaging under way: where it is, and how long it should still take. */
export interface UploadProgress {
  step: PackagingStep;
  /** 0–1 over the whole packaging (packagingFraction). */
  fraction: number;
  /** The packager's estimate of the seconds left, when it has one. */
  etaSeconds?: number;
}

export interface UploadStatus {
  schemaVersion: typeof UPLOAD_STATUS_VERSION;
  /** The clip made from the upload (its `media/<id>/`). */
  videoId: string;
  status: 'processing' | 'ready' | 'failed';
  /** What the uploader is told (uploadStageOf); absent in documents written before stages existed. */
  stage?: Exclude<UploadStage, 'uploading'>;
  /** Whether the clip is public (`stage: 'published'`). */
  published?: boolean;
  /** The clip's title as it is now. */
  title?: string;
  /** While packaging runs (`status: 'processing'`). */
  progress?: UploadProgress;
  /** Why it failed (`status: 'failed'`). */
  failureCode?: PackagingFailureCode;
  /** The failure's figures by name, for the translated text. */
  failureParams?: Record<string, string | number>;
  /** Ready, but cut short: seconds of the recording that are lost. */
  lostSeconds?: number;
  updatedAt: string;
}

const SOURCE_KEY = /^(uploads\/[^/]+\/[0-9a-f]{32})\.mp4$/;

/** The status key of a source key (`….mp4` → `….status.json`); undefined for keys of another shape. */
export const uploadStatusKeyFor = (sourceKey: string): string | undefined => {
  const m = SOURCE_KEY.exec(sourceKey);
  return m ? `${m[1]}.status.json` : undefined;
};
