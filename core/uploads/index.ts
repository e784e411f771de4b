/** Server-side uploads (docs/server-uploads.md): presigned multipart parts, then the same manifest as the browser uploader. */
export * from './limits.js';
export * from './errors.js';
export * from './schemas.js';
export * from './upload-handlers.js';
export { presignPartUrls } from './presign-part.js';
export { UPLOAD_ID_PATTERN, UPLOAD_SESSIONS_PREFIX, type UploadSession } from './upload-session.js';
