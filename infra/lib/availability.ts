/**
 * The media bucket replicated to a second Region (S3 Cross-Region Replication), so the CDN can fail
 * over to it (cdn.ts origin group) and a Regional outage or a lost object has a second copy.
 *
 * Everything is replicated (sources included: the replica is also the disaster-recovery copy), with
 * delete markers, so the failover origin shows what the primary shows; deleted or overwritten data
 * stays recoverable from non-current versions on both sides (versioning is required by
 * replication). Replication Time Control is not enabled (its 15-minute SLA costs $0.015/GB more);
 * typical replication lag is seconds to minutes (docs/deploy.md, availability budget).
 */
import { Stack, Token, type IAspect } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { replicaBucketName } from './replica.ts';
import type { IneSettings } from './settings.ts';

export interface ReplicationProps {
  settings: IneSettings;
  bucket: s3.Bucket;
}

export class Replication extends Construct {
  readonly role: iam.Role;
  /** The replica in `settings.replicaRegion` (created by IneReplicaStack). */
  readonly replica: s3.IBucket;

  constructor(scope: Construct, id: string, props: ReplicationProps) {
    super(scope, id);
    const { settings, bucket } = props;
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && stack.region === settings.replicaRegion) {
      throw new Error(
        `replicaRegion (${settings.replicaRegion}) must differ from the stack's Region: a replica in the same Region does not survive a Regional outage`,
      );
    }
    this.replica = s3.Bucket.fromBucketAttributes(this, 'Replica', { bucketName: replicaBucketName(settings), region: settings.replicaRegion });

    this.role = new iam.Role(this, 'Role', {
      description: 'S3 Cross-Region Replication of the media bucket to its replica',
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteReplica',
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [this.replica.arnForObjects('*')],
      }),
    );

    const cfn = bucket.node.defaultChild as s3.CfnBucket;
    cfn.replicationConfiguration = {
      role: this.role.roleArn,
      rules: [
        {
          id: 'replicate-everything',
          status: 'Enabled',
          priority: 0,
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Enabled' },
          destination: { bucket: this.replica.bucketArn, storageClass: 'STANDARD' },
        },
      ],
    };
  }
}

/**
 * Every DynamoDB table of the stack keeps point-in-time recovery (restore to any second of the last
 * 35 days), whichever construct adds it: an Aspect, so a new table cannot forget it.
 */
export class PointInTimeRecovery implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof dynamodb.CfnTable) node.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
    // TableV2 (global tables): per replica; the replica list is lazy until the table is complete.
    if (node instanceof dynamodb.CfnGlobalTable) {
      const replicas = Stack.of(node).resolve(node.replicas) as unknown[] | undefined;
      replicas?.forEach((_, i) => node.addPropertyOverride(`Replicas.${i}.PointInTimeRecoverySpecification`, { PointInTimeRecoveryEnabled: true }));
    }
  }
}
