/**
 * Webhooks on AWS (docs/webhooks.md "On AWS"): the queue of pending deliveries and the Lambda that
 * delivers them, with the same shared core as the stand-in (core/events).
 *
 * - Pending queue (SQS, SSE, TLS-only): the API and packaging Lambdas put one fan-out message per
 *   clip event on it; the delivery Lambda turns it into one message per matching subscription and
 *   each failed attempt into a delayed message (backoff as DelaySeconds, 15-minute hops). A message
 *   handed over `maxReceiveCount` times without being handled moves to the dead-letter queue (14 days).
 * - Delivery Lambda: SQS event source with small batches, ReportBatchItemFailures and a maximum
 *   concurrency (infra/webhooks/queue-settings.ts), so at most the stand-in's `maxConcurrent`
 *   attempts are in flight. It reads subscriptions and writes delivery logs in the media bucket's
 *   private `api/` objects, and sends to the queue; nothing else.
 * - Producers (`producers`): may send to the queue, and get its URL as INE_WEBHOOK_QUEUE_URL.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DELIVERY_LOG_PREFIX, SUBSCRIPTIONS_PREFIX } from '../../core/events/index.ts';
import { WEBHOOK_QUEUE_URL_ENV } from '../webhooks/event-sink.ts';
import { WEBHOOK_QUEUE } from '../webhooks/queue-settings.ts';
import { ineFunction } from './node-function.ts';
import type { IneSettings } from './settings.ts';

export const WEBHOOK_DELIVERY_ENTRY = 'infra/webhooks/delivery-lambda.ts';

/** What the delivery Lambda may do to the media bucket, by prefix: the one list the grant and its nag acknowledgments are made from. */
export const WEBHOOK_DELIVERY_GRANTS: ReadonlyArray<{ prefix: string; actions: string[]; why: string }> = [
  {
    prefix: `${SUBSCRIPTIONS_PREFIX}*`,
    actions: ['s3:GetObject'],
    why: 'Reads the webhook subscriptions (api/subscriptions/<id>.json; ids are generated at run time) to fan events out and sign each attempt.',
  },
  {
    prefix: `${DELIVERY_LOG_PREFIX}*`,
    actions: ['s3:GetObject', 's3:PutObject'],
    why: 'Appends each attempt to its subscription’s delivery log (api/webhook-deliveries/<id>.json, conditional writes); never deletes.',
  },
];

/**
 * How long the oldest message of the queue may wait before the operations alarm fires: a retry waits
 * up to one 15-minute hop by design, then is handed over within a visibility timeout.
 */
export const WEBHOOK_QUEUE_MAX_AGE_SECONDS = 900 + WEBHOOK_QUEUE.visibilityTimeoutSeconds + 300;

export interface WebhooksProps {
  settings: IneSettings;
  bucket: s3.IBucket;
  /** Functions that emit clip events (the API, packaging): may send to the queue. */
  producers: lambda.Function[];
}

export class Webhooks extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, props: WebhooksProps) {
    super(scope, id);
    // Read by the operations alarms (alarms.ts): delayed retries are this queue's normal state.
    this.node.setContext('ine:queueMaxAgeSeconds', WEBHOOK_QUEUE_MAX_AGE_SECONDS);
    const { settings, bucket } = props;

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(WEBHOOK_QUEUE.deadLetterRetentionDays),
    });
    this.queue = new sqs.Queue(this, 'Pending', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WEBHOOK_QUEUE.visibilityTimeoutSeconds),
      // A delivery is given up within about an hour; 14 days (SQS's longest) outlast any delivery Lambda outage.
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: WEBHOOK_QUEUE.maxReceiveCount },
    });

    this.fn = ineFunction(this, 'Delivery', {
      settings,
      entry: WEBHOOK_DELIVERY_ENTRY,
      handler: 'handler',
      description: 'Webhook deliveries: fans clip events out to subscriptions, signs and sends each attempt, re-queues failures with backoff',
      timeout: Duration.seconds(WEBHOOK_QUEUE.functionTimeoutSeconds),
      memorySize: 256,
      environment: {
        INE_MEDIA_BUCKET: bucket.bucketName,
        [WEBHOOK_QUEUE_URL_ENV]: this.queue.queueUrl,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    this.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: WEBHOOK_QUEUE.batchSize,
        maxConcurrency: WEBHOOK_QUEUE.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    // Fan-outs, retries and hops are new messages on the same queue.
    this.queue.grantSendMessages(this.fn);
    for (const g of WEBHOOK_DELIVERY_GRANTS) {
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: g.actions, resources: [bucket.arnForObjects(g.prefix)] }));
    }
    // ListBucket: the subscription list, and a 404 (not 403) for a delivery log not written yet.
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));

    for (const p of props.producers) {
      this.queue.grantSendMessages(p);
      p.addEnvironment(WEBHOOK_QUEUE_URL_ENV, this.queue.queueUrl);
    }
  }
}
