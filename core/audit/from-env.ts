/**
 * The audit log as a Lambda on AWS reads it from its environment (infra/lib/audit-seal-key.ts sets it):
 * INE_AUDIT_BUCKET (the Object Lock bucket) and INE_AUDIT_SEAL_KEY_ID (the KMS key seals are signed
 * with). Undefined without a bucket.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3ObjectStore } from '../storage/object-store.ts';
import { publishJwks } from '../keys/publish-jwks.ts';
import { AUDIT_SEAL_JWKS_PATH } from './entry.ts';
import { createAuditLog, type AuditLog } from './log.ts';
import { kmsSealSigner, type SealSigner } from './seal-signer.ts';

export function sealSignerFromEnv(env: NodeJS.ProcessEnv = process.env): SealSigner | undefined {
  return env.INE_AUDIT_SEAL_KEY_ID ? kmsSealSigner(new KMSClient({}), env.INE_AUDIT_SEAL_KEY_ID) : undefined;
}

/**
 * Once per cold start of a Lambda that seals: the seal key's public half on the CDN
 * (`keys/audit-seal-jwks.json`; a read when it is there already). In the background: an append never waits for it.
 */
export function publishSealKeys(s3: S3Client, mediaBucket: string, signer: SealSigner, log: (m: string) => void): void {
  void publishJwks(s3ObjectStore(s3, mediaBucket), AUDIT_SEAL_JWKS_PATH, signer).catch((e: unknown) =>
    log(`audit: publishing the seal keys failed: ${(e as Error).message}`),
  );
}

/** `mediaBucket`: where the audited changes are made (recovery reads its probes there); without it this log does not recover. */
export function auditLogFromEnv(
  s3: S3Client,
  mediaBucket: string | undefined,
  log: (m: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): AuditLog | undefined {
  if (!env.INE_AUDIT_BUCKET) return undefined;
  const signer = sealSignerFromEnv(env);
  if (signer && mediaBucket) publishSealKeys(s3, mediaBucket, signer, log);
  // The media bucket also holds the sequencer's lease (outside the Object Lock bucket, which would keep every lease write).
  return createAuditLog(s3ObjectStore(s3, env.INE_AUDIT_BUCKET), {
    ...(mediaBucket ? { changes: s3ObjectStore(s3, mediaBucket), leases: s3ObjectStore(s3, mediaBucket) } : {}),
    ...(signer ? { signer } : {}),
    log,
  });
}
