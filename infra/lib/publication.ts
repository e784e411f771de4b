/**
 * The publication Lambda: keeps the CDN's KeyValueStore of published ids in step with
 * `media/<id>/video.json` (infra/publication/).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { failedEventsQueue, ineFunction } from './node-function.ts';
import type { IneSettings } from './settings.ts';

export const PUBLICATION_ENTRY = 'infra/publication/handler.ts';

export interface PublicationProps {
  settings: IneSettings;
  bucket: s3.Bucket;
  publishedIds: cloudfront.KeyValueStore;
}

export class Publication extends Construct {
  readonly fn: lambda.Function;
  constructor(scope: Construct, id: string, props: PublicationProps) {
    super(scope, id);
    const { bucket, publishedIds } = props;
    // A clip whose publication could not be synced must be visible to operators (and replayable).
    const failedEvents = failedEventsQueue(this, 'FailedEvents');
    this.fn = ineFunction(this, 'SyncPublishedIds', {
      deadLetterQueue: failedEvents,
      settings: props.settings,
      entry: PUBLICATION_ENTRY,
      handler: 'handler',
      description: "media/<id>/video.json written or deleted: add or remove <id> in the CDN's published-id store",
      environment: { BUCKET: bucket.bucketName, KVS_ARN: publishedIds.keyValueStoreArn, NODE_OPTIONS: '--enable-source-maps' },
    });
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'ReadClipRecords', actions: ['s3:GetObject'], resources: [bucket.arnForObjects('media/*')] }),
    );
    // Without ListBucket, S3 answers a deleted record with AccessDenied instead of NoSuchKey. No
    // s3:prefix condition: S3 evaluates ListBucket without one when it decides how to answer a GET.
    this.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'SeeDeletedRecords', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WritePublishedIds',
        actions: ['cloudfront-keyvaluestore:DescribeKeyValueStore', 'cloudfront-keyvaluestore:PutKey', 'cloudfront-keyvaluestore:DeleteKey'],
        resources: [publishedIds.keyValueStoreArn],
      }),
    );
    for (const event of [s3.EventType.OBJECT_CREATED, s3.EventType.OBJECT_REMOVED]) {
      bucket.addEventNotification(event, new s3n.LambdaDestination(this.fn), { prefix: 'media/', suffix: '/video.json' });
    }
  }
}
