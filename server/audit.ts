/**
 * The stand-in's audit log (core/audit): its own bucket `<bucket>-audit`, versioned with S3 Object Lock
 * in COMPLIANCE mode by default (the emulation in server/s3/versions.ts), so an entry or seal cannot be
 * deleted or overwritten through S3 before its retention ends, as on AWS; seals signed with a local
 * ES256 key kept in the data folder (its public half in `audit-seal-jwks.json` beside it and on the
 * CDN at `keys/audit-seal-jwks.json`); a timer
 * seals the head every `sealEvery.ms` when entries came since.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectLockConfigurationCommand, PutBucketVersioningCommand, PutObjectLockConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import { readOrCreateKeyFile } from '../core/auth/key-file.ts';
import { createAuditLog, DEFAULT_SEAL_EVERY, type AuditLog, type AuditLogOptions } from '../core/audit/log.ts';
import { localSealSigner, type SealSigner } from '../core/audit/seal-signer.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { AUDIT_SEAL_JWKS_PATH } from '../core/audit/entry.ts';
import { publishJwks } from '../core/keys/publish-jwks.ts';

/** The audit bucket beside a media bucket. */
export const auditBucketFor = (bucket: string): string => `${bucket}-audit`;
/** Seven years, as the AWS deployment's `evidenceRetentionDays` default. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 2557;
export const SEAL_KEY_FILE = 'audit-seal-keys.json';
export const SEAL_JWKS_FILE = 'audit-seal-jwks.json';

export interface LocalAudit {
  log: AuditLog;
  bucket: string;
  signer: SealSigner;
  close(): void;
}

export async function startLocalAudit(o: {
  s3: S3Client;
  mediaBucket: string;
  stateDir: string;
  retentionDays?: number;
  sealEvery?: AuditLogOptions['sealEvery'];
  log: (m: string) => void;
}): Promise<LocalAudit> {
  const bucket = auditBucketFor(o.mediaBucket);
  try {
    await o.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
  } catch (e) {
    if ((e as Error).name !== 'ObjectLockConfigurationNotFoundError') throw e;
    await o.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await o.s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: bucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: o.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS } },
        },
      }),
    );
  }
  const signer = await localSealSigner(await readOrCreateKeyFile(join(o.stateDir, SEAL_KEY_FILE)));
  writeFileSync(join(o.stateDir, SEAL_JWKS_FILE), JSON.stringify(await signer.jwks(), null, 2));
  // And on the CDN, where an auditor without access to this machine fetches it (as on AWS).
  await publishJwks(s3ObjectStore(o.s3, o.mediaBucket), AUDIT_SEAL_JWKS_PATH, signer);
  const sealEvery = o.sealEvery ?? DEFAULT_SEAL_EVERY;
  const log = createAuditLog(s3ObjectStore(o.s3, bucket), {
    signer,
    sealEvery,
    changes: s3ObjectStore(o.s3, o.mediaBucket),
    // The sequencer's lease beside the API's own state, as on AWS (not in the Object Lock bucket, which would keep every lease write).
    leases: s3ObjectStore(o.s3, o.mediaBucket),
    log: o.log,
  });
  const timer = setInterval(
    () => void log.sealIfDue().catch((e: unknown) => o.log(`audit: timed seal failed: ${(e as Error).message}`)),
    sealEvery.ms,
  );
  timer.unref();
  return { log, bucket, signer, close: () => clearInterval(timer) };
}
