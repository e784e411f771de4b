/**
 * The admin's reads of the private `index/` through the page's shared S3 client and credentials
 * (writes go through the Web API: admin-api.ts). The AWS SDK is imported on first use, so viewers
 * never download it.
 */
import type { IneConfig } from '../../config/types.js';
import type { JsonReader } from '../../catalog/reader.js';

/** Reads the private `index/` through S3 with the page's shared client. */
export async function s3IndexReader(config: IneConfig): Promise<JsonReader> {
  const [{ sharedS3Client }, admin] = await Promise.all([import('../../auth/s3-client.js'), import('../../catalog/admin.js')]);
  return admin.s3JsonReader(await sharedS3Client(config), config.bucket);
}
