/**
 * Where the API and packaging Lambdas put clip events: the webhook queue (INE_WEBHOOK_QUEUE_URL,
 * set by infra/lib/webhooks.ts), one fan-out message per event for the delivery Lambda. Without the
 * variable (a stack without webhooks) there is no sink and no subscription routes.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cachedSubscriptionStore,
  queuedEventSink,
  s3DeliveryLog,
  s3SubscriptionStore,
  type EventSink,
  type SubscriptionContext,
} from '../../core/events/index.ts';
import { sqsPendingQueue, type SqsSender } from './sqs-pending-queue.ts';

export const WEBHOOK_QUEUE_URL_ENV = 'INE_WEBHOOK_QUEUE_URL';

/** The queue's event sink, or undefined when the deployment has no webhook queue. */
export function webhookEventSink(sqs: SqsSender = new SQSClient({}), queueUrl = process.env[WEBHOOK_QUEUE_URL_ENV]): EventSink | undefined {
  return queueUrl ? queuedEventSink(sqsPendingQueue(sqs, queueUrl)) : undefined;
}

/** What the API's subscription routes need on AWS: the same bucket objects as the stand-in's; private targets refused. */
export const awsSubscriptionContext = (s3: S3Client, bucket: string): SubscriptionContext => ({
  subscriptions: cachedSubscriptionStore(s3SubscriptionStore(s3, bucket)),
  deliveryLog: s3DeliveryLog(s3, bucket),
  allowPrivateTargets: false,
});
