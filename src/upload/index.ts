/**
 * Uploads without UI: the queue `<ine-uploader>` uses, and its building blocks. DOM-free; the AWS
 * SDK and the hashing code load only when the first upload starts.
 */
export { createUploadQueue } from './upload-queue.js';
export type {
  UploadQueue,
  UploadQueueOptions,
  UploadQueueEvent,
  UploadItem,
  MetadataInput,
  UploadStartDetail,
  UploadProgressDetail,
  UploadCompleteDetail,
  UploadErrorDetail,
  UploadCancelDetail,
  UploadPackagedDetail,
} from './upload-queue.js';
export { parseUploadStatus, pollDelay, type PackagingProgress } from './packaging-watch.js';
export { choosePartSize, planParts, expectedPartSize, S3_MIN_PART_SIZE, S3_MAX_PARTS, type PlannedPart, type PartSizeOptions } from './part-plan.js';
export { sniffMp4, sniffBlob, MP4_BRANDS, type Mp4Sniff } from './mp4-sniff.js';
export { validateFile, type ValidationCode, type Validation } from './validate.js';
export { backoffDelay, backoffCeiling } from './backoff.js';
export { transition as uploadTransition, type UploadState, type UploadEvent } from './upload-state.js';
export { ENTIDADES, toS3Metadata, encodeMetaValue, decodeMetaValue, normalizeMetadata, localDateTimeToIso } from './metadata.js';
export { indexedDbStore, memoryStore, type ResumeStore, type ResumeRecord } from './resume-store.js';
export { fingerprint } from './fingerprint.js';
