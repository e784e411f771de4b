/**
 * The catalog session's admin API bound to the page's shared S3 client and credentials. The AWS SDK
 * is imported on first use, so viewers never download it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { IneConfig } from '../../config/types.js';
import { toIneError } from '../../internal/errors.js';
import type { CatalogAdminApi } from '../../catalog/session.js';
import type { JsonReader } from '../../catalog/reader.js';

type Admin = typeof import('../../catalog/admin.js');

/**
 * Run an admin operation with the page's shared S3 client. Temporary credentials that expired
 * while the page was open are dropped and fetched again once (the host's login token permitting).
 */
async function withAdmin<T>(config: IneConfig, op: (a: { api: Admin; s3: S3Client; bucket: string }) => Promise<T>): Promise<T> {
  const [{ sharedS3Client }, { sharedCredentials }, api] = await Promise.all([
    import('../../auth/s3-client.js'),
    import('../../auth/credentials.js'),
    import('../../catalog/admin.js'),
  ]);
  const run = async () => op({ api, s3: await sharedS3Client(config), bucket: config.bucket });
  try {
    return await run();
  } catch (e) {
    if (toIneError(e).code !== 'ExpiredCredentials') throw e;
    sharedCredentials(config).invalidate();
    return run();
  }
}

/** Admin operations with the configuration `config()` gives at the time of each call. */
export function s3AdminApi(config: () => Promise<IneConfig>): CatalogAdminApi {
  return {
    loadRecord: async (id) => withAdmin(await config(), ({ api, s3, bucket }) => api.loadRecord(s3, bucket, id)),
    saveEdits: async (id, base, etag, mine) => withAdmin(await config(), ({ api, s3, bucket }) => api.saveEdits(s3, bucket, id, base, etag, mine)),
    deleteClip: async (id) => withAdmin(await config(), ({ api, s3, bucket }) => api.deleteClip(s3, bucket, id)),
  };
}

/** Reads the private `index/` through S3 with the page's shared client. */
export async function s3IndexReader(config: IneConfig): Promise<JsonReader> {
  const [{ sharedS3Client }, admin] = await Promise.all([import('../../auth/s3-client.js'), import('../../catalog/admin.js')]);
  return admin.s3JsonReader(await sharedS3Client(config), config.bucket);
}
