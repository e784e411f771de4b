/**
 * The properties every write-once evidence bucket shares (CloudTrail's, the Web API's audit log):
 * private, SSE-KMS with its own rotating key, TLS 1.2+, no ACLs, versioned, S3 Object Lock in
 * COMPLIANCE mode for the retention (no one, root included, can delete or overwrite an object before
 * it ends), access-logged, kept when the stack is deleted. Lifecycle rules are each bucket's own.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

export function lockedBucketProps(o: { key: kms.IKey; retentionDays: number; accessLogBucket: s3.IBucket; accessLogPrefix: string }): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: o.key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(o.retentionDays)),
    serverAccessLogsBucket: o.accessLogBucket,
    serverAccessLogsPrefix: o.accessLogPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
