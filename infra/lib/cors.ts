/**
 * CORS for the media bucket, exactly what the elements send and read (docs/uploader.md): the AWS SDK v3's
 * own headers (invocation id, retry info, flexible checksums) must be allowed, and the ETag must be
 * exposed or multipart completion fails in the browser; checksum headers are exposed so the uploader
 * can verify parts, Content-Range/Length for ranged reads, the version and request ids for support.
 */
export const CORS_ALLOWED_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;

/** Explicit rather than `*`, so a reviewer sees what the browser may send. `x-amz-*` covers signing, checksums, conditional and metadata headers. */
export const CORS_ALLOWED_HEADERS = [
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-length',
  'content-md5',
  'content-type',
  'expires',
  'if-match',
  'if-none-match',
  'range',
  'x-amz-*',
];

export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-sha256',
  'x-amz-checksum-sha1',
  'Content-Range',
  'Content-Length',
  'x-amz-version-id',
  'x-amz-request-id',
];

/** Browsers cache the preflight this long (seconds). */
export const CORS_MAX_AGE = 3600;
