/**
 * The page's shared S3 client, behind a name of our own: this module is imported dynamically when
 * the first upload starts, together with the SDK (the first download must not even name it).
 */
export { sharedS3Client as pageClient } from '../auth/s3-client.js';
