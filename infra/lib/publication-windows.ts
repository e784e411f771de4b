/**
 * Publication windows on AWS (docs/integrity-embargo.md): the publication Lambda, which already
 * writes each clip's window to the CDN's KeyValueStore, also creates an EventBridge Scheduler
 * one-time schedule per boundary still ahead (infra/publication/boundaries.ts). At that instant the
 * scheduler sends the catalog indexer's FIFO queue the record's change, and the public catalog
 * follows. Least privilege on both sides: the Lambda may create schedules in this group only and
 * pass this one role only to the scheduler; the role may only send to the indexer's queue.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface PublicationWindowsProps {
  /** The publication sync Lambda (infra/lib/publication.ts). */
  syncFn: lambda.Function;
  /** The catalog indexer's queue (infra/lib/indexer.ts). */
  indexQueue: sqs.Queue;
}

export class PublicationWindows extends Construct {
  readonly group: scheduler.CfnScheduleGroup;
  readonly role: iam.Role;
  constructor(scope: Construct, id: string, props: PublicationWindowsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.group = new scheduler.CfnScheduleGroup(this, 'Group', {});
    const groupName = this.group.ref;
    this.role = new iam.Role(this, 'SchedulerRole', {
      description: 'EventBridge Scheduler: publication-window boundaries to the catalog indexer queue',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'SendBoundaryToIndexer', actions: ['sqs:SendMessage'], resources: [props.indexQueue.queueArn] }),
    );

    const fn = props.syncFn;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'CreateBoundarySchedules',
        actions: ['scheduler:CreateSchedule'],
        resources: [stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` })],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.addEnvironment('SCHEDULE_GROUP', groupName);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.role.roleArn);
    fn.addEnvironment('INDEX_QUEUE_ARN', props.indexQueue.queueArn);
  }
}
