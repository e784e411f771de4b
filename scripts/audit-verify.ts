/**
 * `npm run audit:verify`: walk the audit log's hash chain, check every seal, and name the first broken
 * entry or seal.
 *   npm run audit:verify                       the local stand-in (npm start): its audit bucket, service keys and seal key
 *   npm run audit:verify -- --aws --bucket B --kms-key K   a bucket on AWS (default credential chain), seals checked
 *                                              against the KMS key's public key
 *   --jwks FILE|URL                            check seals against this JWKS instead: a copy, or the one the CDN
 *                                              publishes (`<cdn>/keys/audit-seal-jwks.json`)
 * Exit 0 when the chain and every seal hold, 1 when something is broken (what and why are printed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import type { JsonWebKeySet } from '../core/auth/signing-keys.ts';
import { kmsSealSigner } from '../core/audit/seal-signer.ts';
import { verifyAuditLog } from '../core/audit/verify.ts';
import { readJwksText } from './lib/jwks-source.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { auditBucketFor, SEAL_JWKS_FILE } from '../server/audit.ts';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_BUCKET, DEFAULT_PORT, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY, resolveSettings } from '../server/config.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const aws = args.includes('--aws');
const bucket = arg('--bucket') ?? process.env.INE_AUDIT_BUCKET ?? auditBucketFor(DEFAULT_BUCKET);
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

async function sealKeys(): Promise<JsonWebKeySet | undefined> {
  const file = arg('--jwks');
  if (file) {
    const text = await readJwksText(file);
    if (text === undefined) throw new Error(`${file}: no JWKS there`);
    return JSON.parse(text) as JsonWebKeySet;
  }
  const kmsKey = arg('--kms-key') ?? process.env.INE_AUDIT_SEAL_KEY_ID;
  if (aws) return kmsKey ? kmsSealSigner(new KMSClient({}), kmsKey).jwks() : undefined;
  // The stand-in publishes its seal key's public half in its data folder.
  const path = join(resolveSettings({}).dataDir, 'stand-in', SEAL_JWKS_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonWebKeySet;
  } catch {
    return undefined;
  }
}

const jwks = await sealKeys();
const verdict = await verifyAuditLog(s3ObjectStore(s3, bucket), jwks);
s3.destroy();
const { chain, seals } = verdict;
if (chain.ok) console.log(`audit log of ${bucket}: ${chain.count} entries, chain intact (head ${chain.headHash})`);
else
  console.error(
    `audit log of ${bucket}: BROKEN at entry ${chain.brokenSeq} (${chain.reason}): ${chain.detail}; ${chain.count} entries before it hold`,
  );
if (!seals) console.log('seals: not checked (no seal keys: pass --jwks FILE|URL or --kms-key ID)');
else if (seals.ok) console.log(`seals: ${seals.count} valid, the last vouching for entries 1–${seals.lastSealedSeq}`);
else console.error(`seals: BROKEN at seal ${seals.brokenSealSeq} (${seals.reason}): ${seals.detail}; ${seals.count} seals before it hold`);
if (!verdict.ok) process.exit(1);
