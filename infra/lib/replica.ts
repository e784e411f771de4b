/**
 * The media bucket's replica in a second Region (its own stack, `<prefix>-replica`, deployed before
 * the main stack): the Cross-Region Replication destination and the CDN's failover origin.
 *
 * Its name is derived, not exported (`replicaBucketName`), so the main stack can point replication
 * and the origin group at it without a cross-Region reference (no custom resource, plain synth).
 * CloudFront reads it with Origin Access Control like the primary; the distribution's id is not
 * known here, so reads are allowed to this account's distributions (`aws:SourceArn` ArnLike
 * `distribution/*`) and, as on the primary, only for the public prefixes.
 */
import { Aws, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { applyReplicaNagSuppressions } from './nag.ts';
import type { IneSettings } from './settings.ts';

/** Prefixes the CDN serves; the only ones CloudFront may read from the replica. */
export const CDN_READABLE_PREFIXES = ['media/*', 'catalog/*', 'keys/*'] as const;

/** The replica's physical name, the same string in both stacks (`account` resolves per stack to the same account). */
export function replicaBucketName(settings: IneSettings, account: string = Aws.ACCOUNT_ID): string {
  return `${settings.namePrefix}-replica-${account}`;
}

export interface IneReplicaStackProps extends StackProps {
  settings: IneSettings;
}

export class IneReplicaStack extends Stack {
  readonly settings: IneSettings;
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: IneReplicaStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.settings = settings;
    Tags.of(this).add('project', 'ine-video-elements');
    Tags.of(this).add('ine:name-prefix', settings.namePrefix);

    this.logBucket = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // S3 server access logging delivers with the log-delivery ACL (as in media-bucket.ts).
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-logs', enabled: true, expiration: Duration.days(settings.logRetentionDays) }],
    });
    this.bucket = new s3.Bucket(this, 'Replica', {
      bucketName: replicaBucketName(settings),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Replication requires versioning on both sides; old versions are the replica's own undo window.
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          enabled: true,
          noncurrentVersionExpiration: Duration.days(settings.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
        },
        { id: 'abort-incomplete-multipart', enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CdnFailoverReadsPublicPrefixes',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: CDN_READABLE_PREFIXES.map((p) => this.bucket.arnForObjects(p)),
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` } },
      }),
    );
    applyReplicaNagSuppressions(this);
  }
}
