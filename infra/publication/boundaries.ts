/**
 * Publication-window boundaries on AWS: for a published clip whose `publishAt` or `unpublishAt` is
 * still ahead, an EventBridge Scheduler one-time schedule at that instant sends the catalog indexer's
 * queue a message shaped like the record's own change event, so the indexer re-reads the record then
 * and the public catalog gains or drops the clip without anyone acting (the stand-in's
 * server/indexer/boundaries.ts does the same with a timer). A schedule made stale by a later change
 * is harmless: the indexer applies the record as it is when the message arrives. Names are derived
 * from the clip and the instant, so re-syncing the same record creates nothing twice.
 */
import { createHash } from 'node:crypto';
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { windowOf, type PublicationFacts } from '../../src/contract/publication-window.ts';

/** The indexer's one message group (infra/lib/indexer.ts INDEX_MESSAGE_GROUP). */
export const INDEX_MESSAGE_GROUP = 'catalog';

export interface BoundarySchedulerConfig {
  group: string;
  roleArn: string;
  queueArn: string;
  bucket: string;
}

export interface SchedulerSender {
  send(command: CreateScheduleCommand): Promise<unknown>;
}

/** `at(...)` takes a UTC date-time without zone or fractions; rounded up so it never fires early. */
export const atExpression = (ms: number): string => `at(${new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19)})`;

export const scheduleName = (id: string, ms: number): string => `w-${createHash('sha256').update(`${id}@${ms}`).digest('hex').slice(0, 48)}`;

/** What the indexer receives: the shape of an EventBridge S3 event for the record (infra/indexer/events.ts). */
export const boundaryMessage = (bucket: string, id: string, ms: number): string =>
  JSON.stringify({
    source: 'ine.publication-window',
    boundary: new Date(ms).toISOString(),
    detail: { bucket: { name: bucket }, object: { key: `media/${id}/video.json` } },
  });

export class BoundaryScheduler {
  private readonly client: SchedulerSender;
  constructor(
    private readonly config: BoundarySchedulerConfig,
    client?: SchedulerSender,
  ) {
    this.client = client ?? new SchedulerClient({});
  }

  /** One schedule per boundary still ahead of `now`, for a published clip; returns their instants. */
  async scheduleFor(id: string, record: PublicationFacts, now: number): Promise<number[]> {
    if (record.published !== true) return [];
    const w = windowOf(record);
    const ahead = [w.from, w.until].filter((t): t is number => t !== undefined && t > now);
    for (const ms of ahead) {
      try {
        await this.client.send(
          new CreateScheduleCommand({
            Name: scheduleName(id, ms),
            GroupName: this.config.group,
            ScheduleExpression: atExpression(ms),
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Description: `Publication window boundary of clip ${id}`,
            Target: {
              Arn: this.config.queueArn,
              RoleArn: this.config.roleArn,
              Input: boundaryMessage(this.config.bucket, id, ms),
              SqsParameters: { MessageGroupId: INDEX_MESSAGE_GROUP },
              RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
            },
          }),
        );
      } catch (e) {
        // Already scheduled by an earlier sync of the same window.
        if (!(e instanceof ConflictException) && (e as Error).name !== 'ConflictException') throw e;
      }
    }
    return ahead;
  }
}

export function boundarySchedulerFromEnv(env: NodeJS.ProcessEnv): BoundaryScheduler | undefined {
  const { SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, INDEX_QUEUE_ARN, BUCKET } = env;
  if (!SCHEDULE_GROUP || !SCHEDULER_ROLE_ARN || !INDEX_QUEUE_ARN || !BUCKET) return undefined;
  return new BoundaryScheduler({ group: SCHEDULE_GROUP, roleArn: SCHEDULER_ROLE_ARN, queueArn: INDEX_QUEUE_ARN, bucket: BUCKET });
}
