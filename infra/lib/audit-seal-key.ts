/**
 * The audit log's seal key: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) whose private half never
 * leaves KMS. Writers of the audit log may only Sign with it (ECDSA_SHA_256 over a raw message, the JWS
 * signing input); who checks seals reads its public key (GetPublicKey, or the JWKS `npm run audit:verify
 * -- --aws --kms-key <arn>` builds from it) with a role the account grants for audits (docs/integrity.md).
 * Asymmetric keys cannot rotate automatically: a new key means a new `kid`, and old seals keep verifying
 * against the old key, which is retained.
 */
import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_SEAL_JWKS_PATH, LEASE_KEY_OUTSIDE, QUEUE_PREFIX } from '../../core/audit/entry.ts';
import type { IneSettings } from './settings.ts';

export class AuditSealKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: { settings: IneSettings }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `${props.settings.namePrefix}: signs the audit log's seals (ES256)`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnOutput(this, 'Arn', { value: this.key.keyArn, description: 'Audit seal key (audit:verify --kms-key)' });
  }

  /**
   * Lets `fn` append to the audit log: the environment core/audit reads (INE_AUDIT_BUCKET,
   * INE_AUDIT_SEAL_KEY_ID), read/write of the log's objects (no delete but clearing its own intents and
   * sequenced queue items, which in a locked bucket only adds a delete marker), read/write of the
   * sequencer's lease in the media bucket, publishing the seal keys' JWKS there (`keys/audit-seal-jwks.json`,
   * served by the CDN), and Sign with the seal key and read its public half, nothing else of it.
   */
  grantAppend(fn: lambda.Function, auditBucket: s3.Bucket, auditBucketKey: kms.IKey, mediaBucket: s3.IBucket): void {
    fn.addEnvironment('INE_AUDIT_BUCKET', auditBucket.bucketName);
    fn.addEnvironment('INE_AUDIT_SEAL_KEY_ID', this.key.keyArn);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [auditBucket.arnForObjects('audit/*')] }));
    // Clears its own intents and the queued appends it sequenced (core/audit/sequencer.ts): delete markers, the versions stay.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [auditBucket.arnForObjects('audit/intents/*'), auditBucket.arnForObjects(`${QUEUE_PREFIX}*`)],
      }),
    );
    // The sequencer's lease: one object in the media bucket, outside the Object Lock bucket that would keep every lease write.
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [mediaBucket.arnForObjects(LEASE_KEY_OUTSIDE)] }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [auditBucket.bucketArn] }));
    auditBucketKey.grantEncryptDecrypt(fn);
    // Publishes the seal key's public half for auditors (core/keys/publish-jwks.ts): that one object, and the key's public half.
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [mediaBucket.arnForObjects(AUDIT_SEAL_JWKS_PATH)] }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [this.key.keyArn] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Sign'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'RAW' } },
      }),
    );
  }
}
