/**
 * cdk-nag (AwsSolutions pack) acknowledgments. Each one names the finding precisely (the resource
 * pattern, for wildcard findings) and says why it is acceptable, so an auditor can review them in
 * one place; anything not listed here fails `cdk synth`.
 */
import { Stack, Token, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { IneVideoStack } from './ine-stack.ts';
import { API_MEDIA_GRANTS } from './api.ts';
import { WEBHOOK_DELIVERY_GRANTS } from './webhooks.ts';
import { replicaBucketName, type IneReplicaStack } from './replica.ts';

type Ack = { id: string; reason: string };
const ack = (scope: IConstruct, ...rules: Ack[]) => Validations.of(scope).acknowledge(...rules);

export function applyNagSuppressions(stack: IneVideoStack): void {
  const { settings } = stack;
  const bucketId = Stack.of(stack).getLogicalId(stack.storage.bucket.node.defaultChild as CfnResource);
  // How cdk-nag prints the bucket ARN in findings: as a Ref in a literal ARN (rendered role policies)
  // or as the bucket's Arn attribute (grants built with arnForObjects).
  const refArn = (suffix: string) => `arn:aws:s3:::<${bucketId}>/${suffix}`;
  const attrArn = (suffix: string) => `<${bucketId}.Arn>/${suffix}`;
  const iam5 = (resource: string, reason: string): Ack => ({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  // cdk-nag prints unresolved pseudo parameters as <AWS::AccountId> / <AWS::Region>.
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const mc = (kind: string) => `arn:<AWS::Partition>:mediaconvert:${region}:${account}:${kind}/*`;

  // --- Storage
  ack(stack.storage.logBucket, {
    id: 'AwsSolutions-S1',
    reason:
      'This is the access-log bucket itself; logging it into itself would loop. It is private, TLS-only and expires logs after the configured retention.',
  });

  // --- CDN
  const dist = stack.cdn.distribution;
  ack(dist, {
    id: 'AwsSolutions-CFR1',
    reason:
      'No geo restriction on purpose: election coverage is watched by Mexicans abroad, observers and press worldwide; access control is the publication gate (and signed cookies where configured).',
  });
  if (!settings.certificateArn) {
    ack(dist, {
      id: 'AwsSolutions-CFR4',
      reason:
        'Default-domain mode (*.cloudfront.net): CloudFront pins its default certificate to TLSv1 as minimum and it cannot be changed. Production deployments set ine:domainName + ine:certificateArn, which enforces TLSv1.2_2021 (tested).',
    });
  }

  // --- Identity: the shared role policies (infra/policies/*.json, the same bytes the stand-in enforces)
  for (const role of [stack.identity.roles.uploader, stack.identity.roles.admin]) {
    ack(
      role,
      iam5(
        refArn('uploads/<cognito-identity.amazonaws.com:sub>/*'),
        'Each signed-in identity may write only under uploads/<its own Cognito identity id>/ (IAM policy variable); the object names inside are chosen by the uploader (upload ids).',
      ),
    );
  }
  ack(
    stack.identity.roles.uploader,
    iam5(
      refArn('uploads/<cognito-identity.amazonaws.com:sub>/*.status.json'),
      "An uploader reads only the packaging status documents of its own uploads (upload ids are chosen at run time); never a source, a clip or another identity's folder.",
    ),
  );
  const adminWhy =
    "Admins curate every clip: read sources, clips and both catalogs and delete sources (infra/policies/admin.json); their changes to clips go through the Web API. Scoped to the bucket's own prefixes, never the whole bucket or other buckets.";
  ack(stack.identity.roles.admin, ...['uploads/*', 'media/*', 'catalog/*', 'index/*'].map((p) => iam5(refArn(p), adminWhy)));

  // --- Packaging and publication: prefix-scoped object access; job ids are only known at run time
  const lambdas = [stack.packaging.onUpload, stack.packaging.onJobFinished, stack.publication.fn, stack.indexer.fn, stack.api.fn, stack.webhooks.fn];
  for (const fn of lambdas) {
    ack(fn, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "AWS's managed policy for Lambda logging only (CreateLogStream/PutLogEvents); nothing else.",
    });
  }
  ack(
    stack.indexer.fn,
    ...['media/*', 'catalog/*', 'index/*'].map((p) =>
      iam5(
        attrArn(p),
        'The catalog indexer reads any clip record (media/<id>/video.json; ids are generated at run time) and writes the catalog fragments, whose names are content hashes.',
      ),
    ),
    iam5(
      attrArn('uploads/*.status.json'),
      "The catalog indexer rewrites an uploader's status document after a change of its clip's record (publication included): only *.status.json, never a source; upload ids are generated at run time.",
    ),
  );
  const pkgWhy =
    'Packaging reads any source under uploads/ and writes any clip (and the upload status next to its source); object names are clip and upload ids generated at run time.';
  for (const fn of [stack.packaging.onUpload, stack.packaging.onJobFinished]) {
    ack(fn, ...['uploads/*', 'uploads/*.status.json', 'media/*', 'packaging/*'].map((p) => iam5(attrArn(p), pkgWhy)));
    ack(
      fn,
      ...['jobs', 'endpoints', 'presets', 'jobTemplates'].map((k) =>
        iam5(
          mc(k),
          'MediaConvert job ids exist only after CreateJob; presets/templates and endpoints are account-level names. Scoped to this account and Region.',
        ),
      ),
    );
  }
  ack(
    stack.packaging.mediaConvertRole,
    iam5(attrArn('uploads/*'), 'MediaConvert reads the source of any upload it is given.'),
    iam5(attrArn('media/*'), 'MediaConvert writes the renditions of any clip id.'),
  );
  ack(stack.publication.fn, iam5(attrArn('media/*'), 'Reads media/<id>/video.json for any clip id to decide whether the id is published.'));
  const scheduleGroupId = Stack.of(stack).getLogicalId(stack.publicationWindows.group);
  ack(
    stack.publication.fn,
    iam5(
      `arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/<${scheduleGroupId}>/*`,
      'Creates one-time schedules for publication-window boundaries, named per clip and instant at run time, in its own schedule group only.',
    ),
  );

  // --- Web API: prefix-scoped object access, one grant per prefix (API_MEDIA_GRANTS says why)
  const auditId = Stack.of(stack).getLogicalId(stack.api.auditBucket.node.defaultChild as CfnResource);
  // Every function that appends to the audit log (the API, the packaging Lambdas: audit-seal-key.ts grantAppend).
  const auditAppend = [
    iam5(
      `<${auditId}.Arn>/audit/*`,
      'Appends and reads audit entries and seals whose names are sequence numbers known at run time; Object Lock keeps every version written.',
    ),
    iam5(
      `<${auditId}.Arn>/audit/intents/*`,
      'Clears its own write-ahead intents (random names); in the Object Lock bucket that only adds a delete marker, the intent version is kept.',
    ),
    iam5(
      `<${auditId}.Arn>/audit/queue/*`,
      'Clears the queued appends it sequenced (random names); in the Object Lock bucket that only adds a delete marker, the queued version is kept.',
    ),
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: "CDK's encrypt/decrypt grant on the audit bucket's own key (data keys for SSE-KMS writes); that key only.",
    },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: "CDK's encrypt/decrypt grant on the audit bucket's own key; that key only." },
  ];
  ack(stack.api.fn, ...API_MEDIA_GRANTS.map((g) => iam5(attrArn(g.prefix), g.why)), ...auditAppend);
  for (const fn of [stack.packaging.onUpload, stack.packaging.onJobFinished]) ack(fn, ...auditAppend);

  // --- Webhooks: the delivery Lambda reads subscriptions and appends delivery logs (WEBHOOK_DELIVERY_GRANTS says why)
  ack(stack.webhooks.fn, ...WEBHOOK_DELIVERY_GRANTS.map((g) => iam5(attrArn(g.prefix), g.why)));

  // --- Availability: replication copies every object of the media bucket, whatever its key.
  const replicaArn = `arn:<AWS::Partition>:s3:::${replicaBucketName(settings, '<AWS::AccountId>')}/*`;
  ack(
    stack.replication.role,
    iam5(
      attrArn('*'),
      'S3 replication reads every object version of the media bucket (s3:GetObjectVersionForReplication and its ACL/tags): the replica is the disaster-recovery copy of all of it.',
    ),
    iam5(replicaArn, 'S3 replication writes every replicated object (and delete marker) into the replica bucket, and only there.'),
  );

  // CDK's own singleton that applies S3 bucket notifications (a custom resource).
  const notifications = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notifications) {
    ack(notifications, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's built-in handler that configures bucket notifications at deploy time; logging only.",
    });
    ack(notifications, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "CDK's built-in notification handler needs s3:PutBucketNotification; it runs only during deployment.",
    });
  }
}

export function applyReplicaNagSuppressions(stack: IneReplicaStack): void {
  ack(stack.logBucket, {
    id: 'AwsSolutions-S1',
    reason:
      "This is the replica Region's access-log bucket itself; logging it into itself would loop. It is private, TLS-only and expires logs after the configured retention.",
  });
}
