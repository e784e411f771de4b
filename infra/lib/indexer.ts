/**
 * The catalog indexer (infra/indexer/): the one writer of the fragment catalog. Every write or
 * deletion of a clip record (`media/<id>/video.json`) reaches it in order:
 *   S3 (EventBridge notifications) → EventBridge rule → SQS FIFO queue (one message group) → Lambda.
 * One message group means one batch in flight at a time, in order; a batch that fails is retried
 * before anything after it, and after MAX_RECEIVES lands in a FIFO dead-letter queue (alarmed).
 * `npm run catalog:rebuild` rebuilds the catalog from the records whenever needed.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ineFunction } from './node-function.ts';
import type { IneSettings } from './settings.ts';

export const INDEXER_ENTRY = 'infra/indexer/handler.ts';
/** Deliveries of a failing change before it goes to the dead-letter queue. */
export const MAX_RECEIVES = 5;
/** The one message group: every change of the bucket in one order. */
export const INDEX_MESSAGE_GROUP = 'catalog';

export interface IndexerProps {
  settings: IneSettings;
  bucket: s3.Bucket;
}

export class Indexer extends Construct {
  readonly fn: lambda.Function;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  constructor(scope: Construct, id: string, props: IndexerProps) {
    super(scope, id);
    const { bucket } = props;
    const timeout = Duration.minutes(2);
    this.deadLetters = new sqs.Queue(this, 'FailedChanges', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Changes', {
      fifo: true,
      contentBasedDeduplication: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // At least six times the function timeout, as Lambda's SQS event source requires.
      visibilityTimeout: Duration.minutes(12),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    this.fn = ineFunction(this, 'IndexCatalog', {
      settings: props.settings,
      entry: INDEXER_ENTRY,
      handler: 'handler',
      description: 'media/<id>/video.json written or deleted: apply the change to the catalog fragments (one writer, in order)',
      environment: { BUCKET: bucket.bucketName, NODE_OPTIONS: '--enable-source-maps' },
      timeout,
      memorySize: 1024,
    });
    this.fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'ReadClipRecords', actions: ['s3:GetObject'], resources: [bucket.arnForObjects('media/*')] }),
    );
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WriteCatalog',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects('catalog/*'), bucket.arnForObjects('index/*')],
      }),
    );
    // The uploader's status document follows each record change (core/index/upload-status.ts).
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'WriteUploadStatus', actions: ['s3:PutObject'], resources: [bucket.arnForObjects('uploads/*.status.json')] }),
    );
    // A deleted record must read as NoSuchKey (not AccessDenied); the sweep lists fragments.
    this.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    new events.Rule(this, 'RecordChanged', {
      description: 'Clip record written or deleted → the catalog indexer queue',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created', 'Object Deleted'],
        detail: { bucket: { name: [bucket.bucketName] }, object: { key: [{ wildcard: 'media/*/video.json' }] } },
      },
      targets: [new targets.SqsQueue(this.queue, { messageGroupId: INDEX_MESSAGE_GROUP })],
    });
  }
}
