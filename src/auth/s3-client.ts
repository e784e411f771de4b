/**
 * One S3 client per page and endpoint, sharing the page's credentials (docs/uploader.md: each new
 * S3Client would otherwise fetch credentials again). Loaded on demand.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getConfig } from '../config/config.js';
import type { IneConfig } from '../config/types.js';
import { sharedCredentials } from './credentials.js';

const KEY = Symbol.for('ine-video-elements.s3');
type Registry = Map<string, Promise<S3Client>>;
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= new Map());
}

export function sharedS3Client(config: IneConfig = getConfig()): Promise<S3Client> {
  const key = `${config.region}|${config.s3Endpoint ?? ''}|${config.identityPoolId}|${config.cognitoEndpoint ?? ''}`;
  let client = registry().get(key);
  if (!client) {
    client = import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          region: config.region,
          credentials: sharedCredentials(config),
          // The SDK retries throttling and 5xx itself with backoff and jitter; our upload
          // queue adds its own layer for network drops and pauses.
          maxAttempts: 4,
          ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
        }),
    );
    registry().set(key, client);
  }
  return client;
}
