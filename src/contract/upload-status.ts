/**
 * `uploads/<identity id>/<upload id>.status.json`: what became of one upload, written by the
 * packaging core next to the uploader's own manifest each time the clip's record changes state
 * (packaging/clip-store.ts), and read by the uploader that sent it (its role may read its own
 * folder's `*.status.json` and nothing else: infra/policies/uploader.json). It carries no
 * metadata and no reason in prose: the uploader translates the code.
 */
import type { PackagingFailureCode } from './packaging-failures.js';

export const UPLOAD_STATUS_VERSION = 1;

export interface UploadStatus {
  schemaVersion: typeof UPLOAD_STATUS_VERSION;
  /** The clip made from the upload (its `media/<id>/`). */
  videoId: string;
  status: 'processing' | 'ready' | 'failed';
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
