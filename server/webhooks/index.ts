/**
 * The stand-in's webhook adapter (docs/webhooks.md): runs the dispatcher (core/events) inside the
 * stand-in process, with subscriptions and delivery logs in the bucket through the service
 * credentials (as on AWS) and pending deliveries under `<dataDir>/webhooks/pending/`, resumed at
 * start. Private-network targets are allowed here: the on-premises system and the tests listen on
 * local addresses (AWS refuses them).
 */
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  cachedSubscriptionStore,
  createWebhookDispatcher,
  filePendingStore,
  s3DeliveryLog,
  s3SubscriptionStore,
  type DispatcherOptions,
  type SubscriptionContext,
  type WebhookDispatcher,
} from '../../core/events/index.ts';

export interface LocalWebhooks {
  dispatcher: WebhookDispatcher;
  /** What the API's subscription routes need. */
  subscriptionContext: SubscriptionContext;
  close(): Promise<void>;
}

export interface LocalWebhookOptions {
  s3: S3Client;
  bucket: string;
  dataDir: string;
  log: (m: string) => void;
  /** Shorter retry waits and timeouts for tests. */
  settings?: DispatcherOptions['settings'];
}

export async function startLocalWebhooks(opts: LocalWebhookOptions): Promise<LocalWebhooks> {
  // One cached store for the routes and the dispatcher: a change made here is seen at once.
  const subscriptions = cachedSubscriptionStore(s3SubscriptionStore(opts.s3, opts.bucket));
  const deliveryLog = s3DeliveryLog(opts.s3, opts.bucket);
  const dispatcher = createWebhookDispatcher({
    subscriptions,
    deliveryLog,
    pending: filePendingStore(join(opts.dataDir, 'webhooks', 'pending')),
    allowPrivateTargets: true,
    log: opts.log,
    settings: opts.settings,
  });
  const resumed = await dispatcher.resume();
  if (resumed) opts.log(`webhooks: resuming ${resumed} unfinished deliver${resumed === 1 ? 'y' : 'ies'}`);
  return {
    dispatcher,
    subscriptionContext: { subscriptions, deliveryLog, allowPrivateTargets: true },
    close: () => dispatcher.close(),
  };
}
