/**
 * `uploads/<identity id>/<upload id>.json`, written by the uploader right after the mp4's multipart
 * upload completes (docs/contract.md, schemas/upload-manifest.schema.json). Its creation is the
 * "upload completed" signal that starts packaging; it carries the SHA-256 that packaging verifies.
 */
import type { ClipMetadata } from './video-record.js';

export const UPLOAD_MANIFEST_VERSION = 1;

export interface UploadManifest {
  schemaVersion: typeof UPLOAD_MANIFEST_VERSION;
  /** The source object, `uploads/<identity id>/<upload id>.mp4`. */
  key: string;
  identityId: string;
  /** Byte size of the source. */
  size: number;
  /** Lowercase hex SHA-256 of the whole source file, computed by the browser while uploading. */
  sha256: string;
  contentType: string;
  /** The file's name on the user's machine (display only). */
  fileName: string;
  metadata: ClipMetadata;
  uploadedAt: string;
}

/** Key of the manifest for a source key (`….mp4` → `….json`). */
export const manifestKeyFor = (sourceKey: string): string => sourceKey.replace(/\.mp4$/i, '') + '.json';
