/**
 * The S3 client uploads use, imported dynamically when the first upload starts, together with the
 * SDK and the XHR handler (the first download must not even name them). It shares the page's
 * credentials (src/auth/credentials.ts) and sends through the XHR handler for upload progress.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { sharedCredentials } from '../auth/credentials.js';
import type { IneConfig } from '../config/types.js';
import { createProgressHandler, type ProgressHandler } from './xhr-handler.js';

export function uploadClient(config: IneConfig, current: () => IneConfig = () => config): { client: S3Client; progress: ProgressHandler } {
  const progress = createProgressHandler();
  // Ask for the page's provider on every request (it caches): after a sign-out and a new sign-in
  // (`resetSharedCredentials()`, a new `loginToken`) this client must not keep the old provider.
  const credentials = Object.assign(() => sharedCredentials(current())(), { memoized: true });
  const client = new S3Client({
    region: config.region,
    credentials,
    // The SDK retries throttling and 5xx itself a few times; the queue adds its own layer.
    maxAttempts: 4,
    requestHandler: progress.handler as never,
    // The only download is a small status document (packaging-watch.ts), whose body the XHR handler
    // gives as a Blob, which the SDK's response checksum stream cannot read: verified only when asked.
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
  });
  return { client, progress };
}
