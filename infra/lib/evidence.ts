/**
 * Evidence an auditor asks for: who did what, when, and proof the record was not altered.
 *
 * - A customer-managed KMS key (yearly rotation) for the trail and its bucket.
 * - The evidence bucket: Object Lock in COMPLIANCE mode (nobody, root included, can delete or
 *   overwrite a log before `evidenceRetentionDays`), SSE-KMS with the key, TLS-only, access-logged,
 *   moved to Glacier Flexible Retrieval after 90 days and Deep Archive after a year (logs are read
 *   in investigations and audits, rarely), expired when the lock ends.
 * - A multi-Region CloudTrail trail (an organization trail with `organizationId`): all management events, global services, log file validation
 *   (signed digest files), and S3 data events for the media bucket (and any bucket passed to
 *   `recordDataEventsFor`, e.g. the audit bucket when it is added).
 * - AWS Config managed rules that check these controls continuously (`CONFIG_RULES`; the account's
 *   configuration recorder is a prerequisite, docs/deploy.md).
 *
 * The S3 server access log bucket (media-bucket.ts) stays SSE-S3: S3 server access logging can
 * only deliver to buckets encrypted with SSE-S3.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { lockedBucketProps } from './locked-bucket.ts';
import { Construct } from 'constructs';
import { stackCanHoldEdgeResources } from './edge-protection.ts';
import type { IneSettings } from './settings.ts';

export interface EvidenceProps {
  settings: IneSettings;
  mediaBucket: s3.IBucket;
  accessLogBucket: s3.IBucket;
}

/** Buckets the managed rules are scoped to (the rest apply account-wide). */
type Scope = 'media' | 'evidence' | 'account';

/**
 * AWS Config managed rules: identifier → what it proves and where. Account-wide rules cover every
 * bucket and key of the account (including the replica Region's when Config runs there too).
 * CloudFront rules are evaluated only where CloudFront is recorded (us-east-1).
 */
export const CONFIG_RULES: ReadonlyArray<{ id: string; scope: Scope; edge?: true; input?: Record<string, unknown> }> = [
  { id: 'MULTI_REGION_CLOUD_TRAIL_ENABLED', scope: 'account' },
  { id: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', scope: 'account' },
  { id: 'CLOUD_TRAIL_ENCRYPTION_ENABLED', scope: 'account' },
  { id: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED', scope: 'account' },
  { id: 'CMK_BACKING_KEY_ROTATION_ENABLED', scope: 'account' },
  { id: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', scope: 'account' },
  { id: 'S3_BUCKET_SSL_REQUESTS_ONLY', scope: 'account' },
  { id: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', scope: 'account' },
  { id: 'S3_BUCKET_LOGGING_ENABLED', scope: 'media' },
  { id: 'S3_BUCKET_VERSIONING_ENABLED', scope: 'media' },
  { id: 'S3_BUCKET_REPLICATION_ENABLED', scope: 'media' },
  { id: 'S3_BUCKET_DEFAULT_LOCK_ENABLED', scope: 'evidence', input: { mode: 'COMPLIANCE' } },
  { id: 'S3_DEFAULT_ENCRYPTION_KMS', scope: 'evidence' },
  { id: 'SNS_ENCRYPTED_KMS', scope: 'account' },
  { id: 'LAMBDA_DLQ_CHECK', scope: 'account' },
  { id: 'DYNAMODB_PITR_ENABLED', scope: 'account' },
  {
    id: 'CLOUDWATCH_ALARM_ACTION_CHECK',
    scope: 'account',
    input: { alarmActionRequired: 'true', insufficientDataActionRequired: 'false', okActionRequired: 'false' },
  },
  { id: 'CLOUDFRONT_ASSOCIATED_WITH_WAF', scope: 'account', edge: true },
  { id: 'CLOUDFRONT_VIEWER_POLICY_HTTPS', scope: 'account', edge: true },
  { id: 'CLOUDFRONT_ACCESSLOGS_ENABLED', scope: 'account', edge: true },
  { id: 'CLOUDFRONT_ORIGIN_FAILOVER_ENABLED', scope: 'account', edge: true },
  { id: 'CLOUDFRONT_SECURITY_POLICY_CHECK', scope: 'account', edge: true },
];

export class Evidence extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly trail: cloudtrail.Trail;
  readonly rules: config.ManagedRule[] = [];

  constructor(scope: Construct, id: string, props: EvidenceProps) {
    super(scope, id);
    const { settings } = props;
    const stack = Stack.of(this);

    this.key = new kms.Key(this, 'Key', {
      description: `${settings.namePrefix}: CloudTrail logs and the evidence bucket`,
      enableKeyRotation: true,
      // Losing the key loses the evidence: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...lockedBucketProps({
        key: this.key,
        retentionDays: settings.evidenceRetentionDays,
        accessLogBucket: props.accessLogBucket,
        accessLogPrefix: 'evidence-access/',
      }),
      lifecycleRules: [
        {
          id: 'archive-then-expire',
          enabled: true,
          transitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) },
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) },
          ],
          expiration: Duration.days(settings.evidenceRetentionDays),
          noncurrentVersionExpiration: Duration.days(settings.evidenceRetentionDays),
        },
        { id: 'abort-incomplete-multipart', enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    // CloudTrail encrypts log files with the key, for this trail only (by name: the trail's ARN
    // attribute would make the key depend on the trail that depends on the key).
    const trailName = `${settings.namePrefix}-trail`;
    const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsThisTrail',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }),
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      }),
    );
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket: this.bucket,
      encryptionKey: this.key,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      isOrganizationTrail: Boolean(settings.organizationId),
      orgId: settings.organizationId,
    });
    this.recordDataEventsFor(props.mediaBucket);

    const bucketScope = (b: s3.IBucket) => config.RuleScope.fromResource(config.ResourceType.S3_BUCKET, b.bucketName);
    const scopes: Record<Scope, config.RuleScope | undefined> = {
      media: bucketScope(props.mediaBucket),
      evidence: bucketScope(this.bucket),
      account: undefined,
    };
    for (const rule of CONFIG_RULES) {
      if (rule.edge && !stackCanHoldEdgeResources(stack)) continue;
      this.rules.push(
        new config.ManagedRule(this, rule.id, {
          identifier: rule.id,
          configRuleName: `${settings.namePrefix}-${rule.id.toLowerCase().replace(/_/g, '-')}`.slice(0, 128),
          ruleScope: scopes[rule.scope],
          inputParameters: rule.input,
        }),
      );
    }
  }

  /** Log every object read and write of `bucket` (S3 data events) in the trail. */
  recordDataEventsFor(bucket: s3.IBucket): void {
    this.trail.addS3EventSelector([{ bucket }], { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: false });
  }
}
