/**
 * AWS packaging wiring (the handlers and job settings live in infra/packaging/, written by the
 * packaging work): an upload manifest (`uploads/<identity>/<upload>.json`, the "upload completed"
 * signal of docs/contract.md) starts `onUploadManifestCreated`, which verifies the source, writes
 * the draft record and submits a MediaConvert job on this stack's own queue; MediaConvert's job
 * state change (EventBridge, filtered to that queue) runs `onMediaConvertJobFinished`, which writes
 * the record as `ready` or `failed`.
 *
 * Environment the handlers get (the contract with infra/packaging/handlers.ts):
 *   BUCKET                  the media bucket
 *   MEDIACONVERT_ROLE_ARN   the role to pass in CreateJob (`Role`)
 *   MEDIACONVERT_QUEUE_ARN  the queue to submit to (`Queue`); the EventBridge rule listens to it only
 *   PROVENANCE_KMS_KEY_ID   (job-finished function only) the key that signs provenance manifests (provenance-key.ts)
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as mediaconvert from 'aws-cdk-lib/aws-mediaconvert';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { failedEventsQueue, ineFunction } from './node-function.ts';
import { ProvenanceKey } from './provenance-key.ts';
import type { IneSettings } from './settings.ts';

/** By convention with infra/packaging/: one module exporting both handlers. */
export const PACKAGING_ENTRY = 'infra/packaging/handlers.ts';

export interface PackagingProps {
  settings: IneSettings;
  bucket: s3.Bucket;
}

export class Packaging extends Construct {
  readonly mediaConvertRole: iam.Role;
  readonly queue: mediaconvert.CfnQueue;
  readonly onUpload: lambda.Function;
  readonly onJobFinished: lambda.Function;
  /** Upload manifests and job events whose handling failed after retries. */
  readonly failedEvents: sqs.Queue;
  /** Signs the clips' provenance manifests (docs/integrity-provenance.md). */
  readonly provenanceKey: ProvenanceKey;

  constructor(scope: Construct, id: string, props: PackagingProps) {
    super(scope, id);
    const { settings, bucket } = props;
    const stack = Stack.of(this);

    this.queue = new mediaconvert.CfnQueue(this, 'Queue', {
      description: `${settings.namePrefix}: clip packaging (on-demand pricing)`,
      pricingPlan: 'ON_DEMAND',
      status: 'ACTIVE',
    });

    // MediaConvert reads sources and writes clips, nothing else.
    this.mediaConvertRole = new iam.Role(this, 'MediaConvertRole', {
      description: 'MediaConvert: read uploads/, write media/',
      assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      inlinePolicies: {
        'read-sources-write-clips': new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ sid: 'ReadSources', actions: ['s3:GetObject'], resources: [bucket.arnForObjects('uploads/*')] }),
            new iam.PolicyStatement({ sid: 'WriteClips', actions: ['s3:PutObject'], resources: [bucket.arnForObjects('media/*')] }),
          ],
        }),
      },
    });

    this.failedEvents = failedEventsQueue(this, 'FailedEvents');
    const environment = {
      BUCKET: bucket.bucketName,
      MEDIACONVERT_ROLE_ARN: this.mediaConvertRole.roleArn,
      MEDIACONVERT_QUEUE_ARN: this.queue.attrArn,
      NODE_OPTIONS: '--enable-source-maps',
    };
    this.onUpload = ineFunction(this, 'OnUploadManifestCreated', {
      settings,
      entry: PACKAGING_ENTRY,
      handler: 'onUploadManifestCreated',
      description: 'Upload manifest written: verify the source, write the draft record, submit the MediaConvert job',
      environment,
      // Verifying a multi-GB source's SHA-256 streams it once: give it Lambda's full 15 minutes.
      timeout: Duration.minutes(15),
      memorySize: 1769,
      deadLetterQueue: this.failedEvents,
    });
    this.onJobFinished = ineFunction(this, 'OnMediaConvertJobFinished', {
      settings,
      entry: PACKAGING_ENTRY,
      handler: 'onMediaConvertJobFinished',
      description: 'MediaConvert job finished: write the clip record as ready or failed, update the index',
      environment,
      timeout: Duration.minutes(2),
      deadLetterQueue: this.failedEvents,
    });

    for (const fn of [this.onUpload, this.onJobFinished]) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'ReadSourcesAndClips',
          actions: ['s3:GetObject'],
          resources: ['uploads/*', 'media/*', 'packaging/*'].map((p) => bucket.arnForObjects(p)),
        }),
      );
      // packaging/claims/: the upload → clip id claims (docs/contract.md), so repeated events make one clip.
      // No catalog/ or index/: the catalog indexer (indexer.ts) is the one writer of both.
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'WriteClips',
          actions: ['s3:PutObject'],
          resources: ['media/*', 'packaging/*'].map((p) => bucket.arnForObjects(p)),
        }),
      );
      // The uploader's view of its upload (src/contract/upload-status.ts), next to its manifest.
      fn.addToRolePolicy(
        new iam.PolicyStatement({ sid: 'WriteUploadStatus', actions: ['s3:PutObject'], resources: [bucket.arnForObjects('uploads/*.status.json')] }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          // Unconditioned: S3 decides 404 vs 403 for a missing key on s3:ListBucket evaluated with no
          // s3:prefix, so a prefix-conditioned grant would turn every "not there yet" into AccessDenied.
          sid: 'ListClipsAndIndex',
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
        }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'MediaConvertJobs',
          actions: ['mediaconvert:CreateJob', 'mediaconvert:GetJob', 'mediaconvert:DescribeEndpoints'],
          resources: [
            this.queue.attrArn,
            stack.formatArn({ service: 'mediaconvert', resource: 'jobs', resourceName: '*' }),
            stack.formatArn({ service: 'mediaconvert', resource: 'endpoints', resourceName: '*' }),
            stack.formatArn({ service: 'mediaconvert', resource: 'presets', resourceName: '*' }),
            stack.formatArn({ service: 'mediaconvert', resource: 'jobTemplates', resourceName: '*' }),
          ],
        }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'PassTheMediaConvertRole',
          actions: ['iam:PassRole'],
          resources: [this.mediaConvertRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'mediaconvert.amazonaws.com' } },
        }),
      );
    }

    // Only the function that finishes jobs signs: it hashes what MediaConvert wrote.
    this.provenanceKey = new ProvenanceKey(this, 'Provenance', { settings });
    this.provenanceKey.grantSigning(this.onJobFinished, bucket);

    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.onUpload), { prefix: 'uploads/', suffix: '.json' });

    new events.Rule(this, 'JobFinished', {
      description: "MediaConvert jobs of this stack's queue that completed, failed or were cancelled",
      eventPattern: {
        source: ['aws.mediaconvert'],
        detailType: ['MediaConvert Job State Change'],
        detail: { status: ['COMPLETE', 'ERROR', 'CANCELED'], queue: [this.queue.attrArn] },
      },
      targets: [
        new targets.LambdaFunction(this.onJobFinished, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: this.failedEvents }),
      ],
    });
  }
}
