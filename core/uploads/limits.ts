/**
 * Limits of server-side uploads, defined once (docs/server-uploads.md). The file limits are the
 * browser uploader's own (src/config/config.ts) so a clip refused there is refused here too.
 */
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { MIB } from '../../src/upload/part-plan.js';

export const UPLOAD_LIMITS = Object.freeze({
  /** Largest file, bytes: the browser uploader's default maximum. */
  maxFileSize: DEFAULT_CONFIG.upload.maxFileSize as number,
  /** The source types accepted (mp4 and QuickTime mov, both ISO BMFF files the packager reads). */
  contentTypes: Object.freeze(['video/mp4', 'video/quicktime'] as const),
  /** Characters of the file's name (display only). */
  fileNameMaxLength: 255,
  /**
   * Smallest part for server clients: larger than the browser's, since a server's link is fast and
   * fewer parts mean fewer URLs to hand out (16 GB fit in the URLs of one answer).
   */
  minPartSize: 16 * MIB,
  /** Presigned part URLs in one answer; more (or fresh ones) via presignUploadParts. */
  maxPartUrlsPerAnswer: 1000,
  /** How long a presigned part URL works (seconds): short, renewable through presignUploadParts. */
  partUrlTtlSeconds: 900,
  /** Characters of an ETag in a completion request. */
  etagMaxLength: 128,
});

export type UploadContentType = (typeof UPLOAD_LIMITS.contentTypes)[number];
