/** The CatalogWriter for now: the catalog's own sync (src/catalog/sync.ts), run with service credentials. */
import type { S3Client } from '@aws-sdk/client-s3';
import { removeClipFromCatalog, syncClipRecord } from '../../src/catalog/sync.ts';
import type { CatalogWriter } from './deps.ts';

export function syncCatalogWriter(s3: S3Client, bucket: string): CatalogWriter {
  return {
    upsert: (record) => syncClipRecord(s3, bucket, record),
    remove: (id) => removeClipFromCatalog(s3, bucket, id),
  };
}
