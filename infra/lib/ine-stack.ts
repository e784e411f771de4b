/**
 * The whole platform in one stack: media storage, CDN with the publication gate, Cognito identity
 * for uploaders and admins, packaging, and the outputs the elements' configuration needs; with the
 * controls around them: WAF, replication and CDN failover, evidence (CloudTrail, Config), alarms.
 * The media bucket's replica is its own stack in the replica Region (replica.ts).
 */
import { Aspects, CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BrokerRateLimit } from './broker-rate-limit.ts';
import { Alarms } from './alarms.ts';
import { Api } from './api.ts';
import { PointInTimeRecovery, Replication } from './availability.ts';
import { Cdn } from './cdn.ts';
import { DraftPreview } from './preview.ts';
import { EdgeWebAcl, RegionalWebAcl } from './edge-protection.ts';
import { Evidence } from './evidence.ts';
import { Identity } from './identity.ts';
import { MediaStorage } from './media-bucket.ts';
import { applyNagSuppressions } from './nag.ts';
import { Packaging } from './packaging.ts';
import { PageHeaders } from './page-headers.ts';
import { Publication } from './publication.ts';
import { PublicationWindows } from './publication-windows.ts';
import { Indexer } from './indexer.ts';
import { Webhooks } from './webhooks.ts';
import type { IneSettings } from './settings.ts';

/** Output keys, read by infra/scripts/write-config.ts. */
export const OUTPUT_KEYS = {
  region: 'Region',
  identityPoolId: 'IdentityPoolId',
  uploaderIdentityPoolId: 'UploaderIdentityPoolId',
  adminIdentityPoolId: 'AdminIdentityPoolId',
  bucket: 'Bucket',
  cdnBaseUrl: 'CdnBaseUrl',
  cdnDistributionId: 'CdnDistributionId',
  developerProviderName: 'DeveloperProviderName',
  brokerPolicyArn: 'BrokerPolicyArn',
  publishedIdsKvsArn: 'PublishedIdsKvsArn',
  brokerRateLimitTable: 'BrokerRateLimitTable',
  apiBaseUrl: 'ApiBaseUrl',
  auditBucket: 'AuditBucket',
  alarmTopicArn: 'AlarmTopicArn',
  evidenceBucket: 'EvidenceBucket',
  replicaBucket: 'ReplicaBucket',
  pageHeadersPolicyId: 'PageHeadersPolicyId',
} as const;

export interface IneStackProps extends StackProps {
  settings: IneSettings;
  /** Fixed media bucket name (tests); default generated. */
  bucketName?: string;
}

export class IneVideoStack extends Stack {
  readonly settings: IneSettings;
  readonly storage: MediaStorage;
  readonly cdn: Cdn;
  readonly identity: Identity;
  readonly packaging: Packaging;
  readonly publication: Publication;
  readonly publicationWindows: PublicationWindows;
  readonly api: Api;
  /** Draft previews (with `ine:previewPublicKey`). */
  readonly preview?: DraftPreview;
  readonly indexer: Indexer;
  readonly webhooks: Webhooks;
  readonly brokerRateLimit: BrokerRateLimit;
  /** The CDN's web ACL, unless `settings.webAclArn` names an existing one. */
  readonly edgeAcl?: EdgeWebAcl;
  readonly apiAcl: RegionalWebAcl;
  readonly replication: Replication;
  readonly evidence: Evidence;
  readonly pageHeaders: PageHeaders;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: IneStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.settings = settings;
    Tags.of(this).add('project', 'ine-video-elements');
    Tags.of(this).add('ine:name-prefix', settings.namePrefix);
    Aspects.of(this).add(new PointInTimeRecovery());

    this.storage = new MediaStorage(this, 'Storage', { settings, bucketName: props.bucketName });
    const { bucket, logBucket } = this.storage;
    if (!settings.webAclArn) this.edgeAcl = new EdgeWebAcl(this, 'EdgeAcl', { settings });
    this.replication = new Replication(this, 'Replication', { settings, bucket });
    this.cdn = new Cdn(this, 'Cdn', { settings, bucket, logBucket, webAclArn: this.edgeAcl?.acl.attrArn, replicaBucket: this.replication.replica });
    this.identity = new Identity(this, 'Identity', { settings, bucket });
    this.packaging = new Packaging(this, 'Packaging', { settings, bucket });
    this.publication = new Publication(this, 'Publication', { settings, bucket, publishedIds: this.cdn.publishedIds });
    this.api = new Api(this, 'Api', { settings, bucket, accessLogBucket: logBucket, cdnBaseUrl: this.cdn.baseUrl });
    this.cdn.addApi(this.api.domain);
    // Packaging results are audited with the API's log, key and permissions.
    for (const fn of [this.packaging.onUpload, this.packaging.onJobFinished]) this.api.grantAuditAppend(fn);
    if (settings.previewPublicKey) {
      this.preview = new DraftPreview(this, 'Preview', {
        settings: { ...settings, previewPublicKey: settings.previewPublicKey },
        distribution: this.cdn.distribution,
        origin: this.cdn.origin,
        apiFunction: this.api.fn,
      });
    }
    this.indexer = new Indexer(this, 'Indexer', { settings, bucket });
    this.webhooks = new Webhooks(this, 'Webhooks', {
      settings,
      bucket,
      producers: [this.api.fn, this.packaging.onUpload, this.packaging.onJobFinished],
    });
    this.publicationWindows = new PublicationWindows(this, 'PublicationWindows', { syncFn: this.publication.fn, indexQueue: this.indexer.queue });
    this.brokerRateLimit = new BrokerRateLimit(this, 'BrokerRateLimit', { brokerPolicy: this.identity.brokerPolicy });
    this.apiAcl = new RegionalWebAcl(this, 'ApiAcl', { settings });
    this.evidence = new Evidence(this, 'Evidence', { settings, mediaBucket: bucket, accessLogBucket: logBucket });
    this.evidence.recordDataEventsFor(this.api.auditBucket);
    this.pageHeaders = new PageHeaders(this, 'PageHeaders', { cdnOrigin: this.cdn.baseUrl, region: this.region, bucket: bucket.bucketName });
    this.alarms = new Alarms(this, 'Alarms', {
      settings,
      distribution: this.cdn.distribution,
      mediaConvertQueueArn: this.packaging.queue.attrArn,
      edgeWebAclName: this.edgeAcl?.metricName,
      apiWebAclName: this.apiAcl.metricName,
      apiEndpointArns: settings.regionalWafResourceArns,
    });

    const out = (key: string, value: string, description: string) => new CfnOutput(this, key, { value, description });
    out(OUTPUT_KEYS.region, this.region, 'AWS Region of the bucket and identity pools');
    out(
      OUTPUT_KEYS.identityPoolId,
      this.identity.pools.uploader.ref,
      "identityPoolId for the elements' configuration (the broker picks the pool per role)",
    );
    out(OUTPUT_KEYS.uploaderIdentityPoolId, this.identity.pools.uploader.ref, 'Identity pool whose identities get the uploader role');
    out(OUTPUT_KEYS.adminIdentityPoolId, this.identity.pools.admin.ref, 'Identity pool whose identities get the admin role');
    out(OUTPUT_KEYS.bucket, bucket.bucketName, 'Media bucket');
    out(OUTPUT_KEYS.cdnBaseUrl, this.cdn.baseUrl, "cdnBaseUrl for the elements' configuration");
    out(OUTPUT_KEYS.cdnDistributionId, this.cdn.distribution.distributionId, 'CloudFront distribution id (invalidations, logs)');
    out(OUTPUT_KEYS.developerProviderName, settings.developerProviderName, 'Developer provider name the token broker uses in Logins');
    out(OUTPUT_KEYS.brokerPolicyArn, this.identity.brokerPolicy.managedPolicyArn, "Managed policy to attach to the token broker's role");
    out(OUTPUT_KEYS.publishedIdsKvsArn, this.cdn.publishedIds.keyValueStoreArn, 'KeyValueStore of published clip ids');
    out(
      OUTPUT_KEYS.brokerRateLimitTable,
      this.brokerRateLimit.table.tableName,
      "DynamoDB table of the token broker's login counters (INE_BROKER_RATE_LIMIT_TABLE)",
    );
    out(OUTPUT_KEYS.apiBaseUrl, `${this.cdn.baseUrl}/api/v1`, 'Base URL of the Web API (served through the CDN and its web ACL)');
    out(
      OUTPUT_KEYS.auditBucket,
      this.api.auditBucket.bucketName,
      'Audit log of every change made through the Web API (Object Lock, compliance mode)',
    );
    out(OUTPUT_KEYS.alarmTopicArn, this.alarms.topic.topicArn, 'SNS topic of the operational alarms (subscribe the on-call)');
    out(OUTPUT_KEYS.evidenceBucket, this.evidence.bucket.bucketName, 'CloudTrail logs (Object Lock, compliance mode)');
    out(OUTPUT_KEYS.replicaBucket, this.replication.replica.bucketName, `Replica of the media bucket in ${settings.replicaRegion}`);
    out(
      OUTPUT_KEYS.pageHeadersPolicyId,
      this.pageHeaders.policy.responseHeadersPolicyId,
      'Response headers policy (CSP, HSTS) for a distribution serving the pages that embed the elements',
    );

    applyNagSuppressions(this);
  }
}
