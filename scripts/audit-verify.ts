/**
 * `npm run audit:verify`: walk the audit log's hash chain and name the first broken entry.
 *   npm run audit:verify                      the local stand-in (npm start), with its service keys
 *   npm run audit:verify -- --aws --bucket B  a bucket on AWS, with the default credential chain
 * Exit 0 when the chain holds, 1 when it is broken (the entry and why are printed).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { verifyAuditLog } from '../core/audit/verify.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_BUCKET, DEFAULT_PORT, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY } from '../server/config.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const aws = args.includes('--aws');
const bucket = arg('--bucket') ?? process.env.INE_AUDIT_BUCKET ?? DEFAULT_BUCKET;
const s3 = aws
  ? new S3Client({})
  : new S3Client({
      region: process.env.INE_LOCAL_REGION || DEFAULT_REGION,
      endpoint: `http://127.0.0.1:${process.env.INE_LOCAL_PORT || DEFAULT_PORT}`,
      forcePathStyle: true,
      credentials: {
        accessKeyId: process.env.INE_LOCAL_ACCESS_KEY_ID || DEFAULT_ACCESS_KEY_ID,
        secretAccessKey: process.env.INE_LOCAL_SECRET_ACCESS_KEY || DEFAULT_SECRET_ACCESS_KEY,
      },
    });
const verdict = await verifyAuditLog(s3ObjectStore(s3, bucket));
s3.destroy();
if (verdict.ok) {
  console.log(`audit log of ${bucket}: ${verdict.count} entries, chain intact (head ${verdict.headHash})`);
} else {
  console.error(
    `audit log of ${bucket}: BROKEN at entry ${verdict.brokenSeq} (${verdict.reason}): ${verdict.detail}; ${verdict.count} entries before it hold`,
  );
  process.exit(1);
}
