/**
 * The audit log as a Lambda on AWS reads it from its environment (infra/lib/audit-seal-key.ts sets it):
 * INE_AUDIT_BUCKET (the Object Lock bucket) and INE_AUDIT_SEAL_KEY_ID (the KMS key seals are signed
 * with). Undefined without a bucket.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3ObjectStore } from '../storage/object-store.ts';
import { createAuditLog, type AuditLog } from './log.ts';
import { kmsSealSigner, type SealSigner } from './seal-signer.ts';

export function sealSignerFromEnv(env: NodeJS.ProcessEnv = process.env): SealSigner | undefined {
  return env.INE_AUDIT_SEAL_KEY_ID ? kmsSealSigner(new KMSClient({}), env.INE_AUDIT_SEAL_KEY_ID) : undefined;
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
  // The media bucket also holds the sequencer's lease (outside the Object Lock bucket, which would keep every lease write).
  return createAuditLog(s3ObjectStore(s3, env.INE_AUDIT_BUCKET), {
    ...(mediaBucket ? { changes: s3ObjectStore(s3, mediaBucket), leases: s3ObjectStore(s3, mediaBucket) } : {}),
    ...(signer ? { signer } : {}),
    log,
  });
}
