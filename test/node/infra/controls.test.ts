/**
 * The audit and availability controls of the synthesized template (issue 20), one by one: WAF on
 * the CDN and the API endpoints, TLS and headers, the evidence trail and its bucket, keys, Config
 * rules, replication and failover, alarms. Offline, like stack.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { THRESHOLDS } from '../../../infra/lib/alarms.ts';
import { API_PATH_PATTERN, FAILOVER_STATUS_CODES } from '../../../infra/lib/cdn.ts';
import { CONFIG_RULES } from '../../../infra/lib/evidence.ts';
import { MANAGED_RULE_GROUPS, RATE_RULE_NAME } from '../../../infra/lib/edge-protection.ts';
import { IneVideoStack } from '../../../infra/lib/ine-stack.ts';
import { pageContentSecurityPolicy } from '../../../infra/lib/page-headers.ts';
import { CDN_READABLE_PREFIXES, IneReplicaStack, replicaBucketName } from '../../../infra/lib/replica.ts';
import { DEFAULT_SETTINGS, readSettings } from '../../../infra/lib/settings.ts';
import { buildStack, TEST_ENV } from './helpers.ts';

type Res = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
const API_STAGE = 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod';
const { template, stack } = buildStack({ regionalWafResourceArns: [API_STAGE], alarmEmail: 'oncall@ine.mx' });
const resources = template.toJSON().Resources as Record<string, Res>;
const ofType = (t: string) => Object.entries(resources).filter(([, r]) => r.Type === t);
const idOf = (c: any) => stack.getLogicalId(c.node.defaultChild ?? c);
const dist = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const webAcls = Object.fromEntries(
  ofType('AWS::WAFv2::WebACL').map(([id, r]): [string, Record<string, any>] => [r.Properties.Scope as string, { id, ...r.Properties }]),
);

describe('edge protection (WAF)', () => {
  const cdnAcl = webAcls.CLOUDFRONT!;
  it('the distribution is behind a CLOUDFRONT-scope web ACL created in us-east-1', () => {
    assert.deepEqual(dist.WebACLId, { 'Fn::GetAtt': [cdnAcl.id, 'Arn'] });
    assert.deepEqual(cdnAcl.DefaultAction, { Allow: {} });
  });
  for (const scope of ['CLOUDFRONT', 'REGIONAL']) {
    it(`${scope}: rate limit per client IP first, then AWS IP reputation, known bad inputs, common rule set; metrics on`, () => {
      const acl = webAcls[scope]!;
      const rules = [...acl.Rules].sort((a: any, b: any) => a.Priority - b.Priority);
      assert.deepEqual(
        rules.map((r: any) => r.Name),
        [RATE_RULE_NAME, ...MANAGED_RULE_GROUPS],
      );
      assert.deepEqual(MANAGED_RULE_GROUPS, [
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesCommonRuleSet',
      ]);
      const rate = rules[0].Statement.RateBasedStatement;
      assert.equal(rate.AggregateKeyType, 'IP');
      assert.equal(rate.EvaluationWindowSec, 300);
      assert.equal(rate.Limit, scope === 'CLOUDFRONT' ? DEFAULT_SETTINGS.edgeRateLimitPer5Min : DEFAULT_SETTINGS.apiRateLimitPer5Min);
      assert.deepEqual(rules[0].Action, { Block: { CustomResponse: { ResponseCode: 429 } } });
      for (const r of rules.slice(1)) {
        assert.deepEqual(r.Statement.ManagedRuleGroupStatement, { VendorName: 'AWS', Name: r.Name });
        assert.deepEqual(r.OverrideAction, { None: {} }, 'managed rules block, not count');
      }
      for (const r of [acl, ...rules]) assert.equal(r.VisibilityConfig.CloudWatchMetricsEnabled, true);
    });
  }
  it('the regional web ACL is associated with the configured API endpoints, and takes more', () => {
    const assoc = ofType('AWS::WAFv2::WebACLAssociation');
    assert.equal(assoc.length, 1);
    assert.deepEqual(assoc[0]![1].Properties, { ResourceArn: API_STAGE, WebACLArn: { 'Fn::GetAtt': [webAcls.REGIONAL!.id, 'Arn'] } });
    const app = new App();
    const s = new IneVideoStack(app, 'Later', { settings: readSettings(app.node, { lambdaCode: 'stub' }), env: TEST_ENV });
    const alb = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/broker/0123456789abcdef';
    s.apiAcl.associate(alb);
    Template.fromStack(s).resourcePropertiesCountIs('AWS::WAFv2::WebACLAssociation', { ResourceArn: alb }, 1);
  });
  it("INE's own egress networks can be exempted from the rate limit (only from it)", () => {
    const b = buildStack({ rateExemptCidrs: ['200.38.0.0/16', '2806:2f0::/32'] });
    const r = b.template.toJSON().Resources as Record<string, Res>;
    const sets = Object.entries(r).filter(([, x]) => x.Type === 'AWS::WAFv2::IPSet');
    assert.deepEqual(
      sets.map(([, x]) => [x.Properties.IPAddressVersion, x.Properties.Addresses, x.Properties.Scope]),
      [
        ['IPV4', ['200.38.0.0/16'], 'CLOUDFRONT'],
        ['IPV6', ['2806:2f0::/32'], 'CLOUDFRONT'],
      ],
    );
    const acl = Object.values(r).find((x) => x.Type === 'AWS::WAFv2::WebACL' && x.Properties.Scope === 'CLOUDFRONT')!;
    const rate = acl.Properties.Rules.find((x: any) => x.Name === RATE_RULE_NAME).Statement.RateBasedStatement;
    assert.deepEqual(rate.ScopeDownStatement, {
      NotStatement: {
        Statement: { OrStatement: { Statements: sets.map(([id]) => ({ IPSetReferenceStatement: { Arn: { 'Fn::GetAtt': [id, 'Arn'] } } })) } },
      },
    });
    assert.equal(acl.Properties.Rules.length, 4, 'no allow rule: the managed groups still screen them');
    assert.equal(webAcls.CLOUDFRONT!.Rules.find((x: any) => x.Name === RATE_RULE_NAME).Statement.RateBasedStatement.ScopeDownStatement, undefined);
    for (const bad of ['0.0.0.0/0', '10.0.0.1', '300.1.1.1/24', '::/0'])
      assert.throws(() => readSettings(undefined, { rateExemptCidrs: [bad] }), /rateExemptCidrs/, bad);
  });
  it("rate limits are settings, validated against WAF's range", () => {
    const b = buildStack({ edgeRateLimitPer5Min: 12_345 });
    const acl = Object.values(b.template.findResources('AWS::WAFv2::WebACL')).find((r: any) => r.Properties.Scope === 'CLOUDFRONT') as Res;
    assert.equal(acl.Properties.Rules.find((r: any) => r.Name === RATE_RULE_NAME).Statement.RateBasedStatement.Limit, 12_345);
    assert.throws(() => readSettings(undefined, { edgeRateLimitPer5Min: 5 }), /edgeRateLimitPer5Min/);
    assert.throws(() => readSettings(undefined, { regionalWafResourceArns: ['arn:aws:s3:::bucket'] }), /regionalWafResourceArns/);
  });
  it('Region: outside us-east-1 the CDN ACL must be given (ine:webAclArn); Region-agnostic stacks carry a deploy-time guard', () => {
    const app = new App();
    const settings = readSettings(app.node, { lambdaCode: 'stub' });
    assert.throws(
      () => new IneVideoStack(app, 'Elsewhere', { settings, env: { account: TEST_ENV.account, region: 'us-east-2' } }),
      /only be created in us-east-1.*ine:webAclArn/,
    );
    const given = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ine/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const app2 = new App();
    const s2 = new IneVideoStack(app2, 'Elsewhere', {
      settings: readSettings(app2.node, { lambdaCode: 'stub', webAclArn: given }),
      env: { account: TEST_ENV.account, region: 'us-east-2' },
    });
    const t2 = Template.fromStack(s2).toJSON();
    const d2 = Object.values(t2.Resources as Record<string, Res>).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    assert.equal(d2.Properties.DistributionConfig.WebACLId, given);
    assert.ok(!Object.values(t2.Resources as Record<string, Res>).some((r) => r.Properties?.Scope === 'CLOUDFRONT'));
    const app3 = new App();
    const agnostic = new IneVideoStack(app3, 'Agnostic', { settings: readSettings(app3.node, { lambdaCode: 'stub' }) });
    const rules = Template.fromStack(agnostic).toJSON().Rules as Record<string, any>;
    const guard = Object.values(rules).find((r) => JSON.stringify(r).includes('us-east-1'));
    assert.ok(guard, 'a CloudFormation rule refuses deployment outside us-east-1');
    assert.deepEqual(guard.Assertions[0].Assert, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
  });
});

describe('transport and headers', () => {
  it('HTTP/2 and HTTP/3; TLSv1.2_2021 with a custom domain (stack.test.ts), HTTPS only', () => {
    assert.equal(dist.HttpVersion, 'http2and3');
    for (const b of [dist.DefaultCacheBehavior, ...dist.CacheBehaviors])
      assert.equal(
        b.ViewerProtocolPolicy,
        b.PathPattern === API_PATH_PATTERN ? 'https-only' : 'redirect-to-https',
        'a POST is refused over HTTP, never redirected',
      );
  });
  it('every response headers policy sends preload-ready HSTS, nosniff and strict-origin-when-cross-origin', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    assert.equal(policies.length, 4, 'immutable media, short-lived documents, pages, Web API');
    for (const [, p] of policies) {
      const sec = p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      assert.ok(sec.StrictTransportSecurity.AccessControlMaxAgeSec >= 31536000);
      assert.equal(sec.StrictTransportSecurity.IncludeSubdomains, true);
      assert.equal(sec.StrictTransportSecurity.Preload, true);
      assert.equal(sec.ContentTypeOptions.Override, true);
      assert.equal(sec.ReferrerPolicy.ReferrerPolicy, 'strict-origin-when-cross-origin');
      assert.ok(sec.ContentSecurityPolicy.ContentSecurityPolicy);
    }
  });
  it("the pages' CSP allows exactly what the elements load: CDN media, blob: MSE, same-origin workers, S3, Cognito, WebAssembly (browser check: test/browser/player/csp.test.ts)", () => {
    const csp = pageContentSecurityPolicy({ cdnOrigin: 'https://videos.ine.mx', region: 'us-east-1', bucket: 'ine-media' });
    const d = Object.fromEntries(csp.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
    assert.deepEqual(d['media-src'], ['https://videos.ine.mx', 'blob:']);
    assert.deepEqual(d['worker-src'], ["'self'"]);
    assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'hash-wasm; no unsafe-eval, no unsafe-inline');
    assert.deepEqual(d['style-src'], ["'self'", "'unsafe-inline'"], 'the elements bind style attributes (seek bar, progress)');
    assert.deepEqual(d['img-src'], ["'self'", 'data:', 'https://videos.ine.mx'], 'posters and storyboard frames');
    assert.deepEqual(d['connect-src'], [
      "'self'",
      'https://videos.ine.mx',
      'https://ine-media.s3.us-east-1.amazonaws.com',
      'https://cognito-identity.us-east-1.amazonaws.com',
    ]);
    assert.deepEqual(d['object-src'], ["'none'"]);
    assert.deepEqual(d['frame-ancestors'], ["'self'"]);
    const pageId = stack.getLogicalId(stack.pageHeaders.policy.node.defaultChild as any);
    const deployed = JSON.stringify(resources[pageId!]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
    for (const part of ['media-src https://', 'blob:', "'wasm-unsafe-eval'", 'cognito-identity.us-east-1.amazonaws.com'])
      assert.ok(deployed.includes(part), part);
    assert.ok(
      deployed.includes(pageContentSecurityPolicy({ cdnOrigin: '\u0000', region: 'us-east-1', bucket: '\u0000' }).split('\u0000')[0]!),
      "the deployed header is page-csp.ts's",
    );
    template.hasOutput('PageHeadersPolicyId', {});
  });
});

describe('evidence', () => {
  const trail = ofType('AWS::CloudTrail::Trail')[0]![1].Properties;
  const evidenceId = idOf(stack.evidence.bucket);
  const bucket = resources[evidenceId]!.Properties;
  const keyId = idOf(stack.evidence.key);
  it('one multi-Region trail: management events (read and write), global services, log file validation, KMS', () => {
    assert.equal(ofType('AWS::CloudTrail::Trail').length, 1);
    assert.equal(trail.IsMultiRegionTrail, true);
    assert.equal(trail.IncludeGlobalServiceEvents, true);
    assert.equal(trail.EnableLogFileValidation, true);
    assert.equal(trail.IsLogging, true);
    assert.deepEqual(trail.KMSKeyId, { 'Fn::GetAtt': [keyId, 'Arn'] });
    assert.deepEqual(trail.S3BucketName, { Ref: evidenceId });
    assert.ok(trail.EventSelectors.some((s: any) => s.IncludeManagementEvents === true && s.ReadWriteType === 'All'));
  });
  it('organization-ready: with organizationId the trail covers every account of the organization', () => {
    assert.equal(trail.IsOrganizationTrail, false, 'an account trail by default');
    const b = buildStack({ organizationId: 'o-abc1234567' });
    b.template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    });
    const policies = JSON.stringify(b.template.findResources('AWS::S3::BucketPolicy'));
    assert.ok(policies.includes('o-abc1234567'), "the evidence bucket accepts the organization's log files");
    assert.throws(() => readSettings(undefined, { organizationId: 'acme' }), /organizationId/);
  });
  it('S3 data events (reads and writes) for every object of the media bucket and the audit bucket', () => {
    const data = trail.EventSelectors.filter((s: any) => s.DataResources);
    const objectArns = data.flatMap((d: any) => {
      assert.equal(d.ReadWriteType, 'All');
      return d.DataResources.flatMap((r: any) => (assert.equal(r.Type, 'AWS::S3::Object'), r.Values));
    });
    assert.deepEqual(objectArns, [
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [idOf(stack.storage.bucket), 'Arn'] }, '/']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [idOf(stack.api.auditBucket), 'Arn'] }, '/']] },
    ]);
  });
  it('the evidence bucket: Object Lock in compliance mode for evidenceRetentionDays, versioned, private, TLS-only', () => {
    assert.deepEqual(bucket.ObjectLockConfiguration, {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: DEFAULT_SETTINGS.evidenceRetentionDays } },
    });
    assert.equal(bucket.ObjectLockEnabled, true);
    assert.deepEqual(bucket.VersioningConfiguration, { Status: 'Enabled' });
    assert.deepEqual(bucket.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: evidenceId }))![1];
    const st = policy.Properties.PolicyDocument.Statement as any[];
    assert.ok(st.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
    assert.ok(st.some((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com' && s.Action === 's3:PutObject'));
    const b = buildStack({ evidenceRetentionDays: 400 });
    b.template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } },
    });
    assert.throws(() => readSettings(undefined, { evidenceRetentionDays: 30 }), /evidenceRetentionDays/);
  });
  it('the evidence bucket is SSE-KMS with the rotated customer key, access-logged, archived to Glacier then Deep Archive', () => {
    assert.deepEqual(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0], {
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] }, SSEAlgorithm: 'aws:kms' },
    });
    assert.deepEqual(bucket.LoggingConfiguration, {
      DestinationBucketName: { Ref: idOf(stack.storage.logBucket) },
      LogFilePrefix: 'evidence-access/',
    });
    const rule = bucket.LifecycleConfiguration.Rules.find((r: any) => r.Id === 'archive-then-expire');
    assert.deepEqual(rule.Transitions, [
      { StorageClass: 'GLACIER', TransitionInDays: 90 },
      { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
    ]);
    assert.equal(rule.ExpirationInDays, DEFAULT_SETTINGS.evidenceRetentionDays);
  });
  it('every customer-managed key rotates, and the trail key lets CloudTrail encrypt for this trail only', () => {
    const all = ofType('AWS::KMS::Key');
    // Asymmetric signing keys (provenance, audit seals) cannot rotate in KMS: a new key is a new kid
    // beside the old one, which stays to verify (docs/integrity*.md).
    const signing = all.filter(([, k]) => k.Properties.KeyUsage === 'SIGN_VERIFY');
    assert.equal(signing.length, 2, 'the provenance key and the audit seal key');
    for (const [, k] of signing) assert.equal(k.Properties.KeySpec, 'ECC_NIST_P256');
    const keys = all.filter(([, k]) => k.Properties.KeyUsage !== 'SIGN_VERIFY');
    assert.equal(keys.length, 3, 'evidence, alarms, audit log');
    for (const [, k] of keys) assert.equal(k.Properties.EnableKeyRotation, true);
    const st = resources[keyId]!.Properties.KeyPolicy.Statement as any[];
    const ct = st.find((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com' && JSON.stringify(s.Action).includes('kms:GenerateDataKey'));
    assert.ok(ct, 'CloudTrail may generate data keys');
    assert.ok(JSON.stringify(ct.Condition).includes('aws:cloudtrail:arn'));
    assert.ok(JSON.stringify(ct.Condition.StringEquals['aws:SourceArn']).includes(':trail/ine-video-trail'), 'only this trail');
    assert.equal(trail.TrailName, 'ine-video-trail');
  });
  it('CloudFront standard logs and S3 server access logs go to the log bucket', () => {
    assert.deepEqual(dist.Logging.Bucket, { 'Fn::GetAtt': [idOf(stack.storage.logBucket), 'RegionalDomainName'] });
    assert.ok(resources[idOf(stack.storage.bucket)]!.Properties.LoggingConfiguration);
  });
  it('AWS Config checks each control with a managed rule, scoped where the control is per bucket', () => {
    const rules = ofType('AWS::Config::ConfigRule').map(([, r]) => r.Properties);
    assert.deepEqual(rules.map((r) => r.Source.SourceIdentifier).sort(), CONFIG_RULES.map((r) => r.id).sort());
    for (const r of rules) assert.equal(r.Source.Owner, 'AWS');
    const byId = Object.fromEntries(rules.map((r) => [r.Source.SourceIdentifier, r]));
    for (const id of [
      'MULTI_REGION_CLOUD_TRAIL_ENABLED',
      'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
      'CMK_BACKING_KEY_ROTATION_ENABLED',
      'CLOUDFRONT_ASSOCIATED_WITH_WAF',
      'CLOUDFRONT_ORIGIN_FAILOVER_ENABLED',
      'S3_BUCKET_REPLICATION_ENABLED',
      'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    ])
      assert.ok(byId[id], id);
    assert.deepEqual(byId.S3_BUCKET_DEFAULT_LOCK_ENABLED.Scope, {
      ComplianceResourceId: { Ref: evidenceId },
      ComplianceResourceTypes: ['AWS::S3::Bucket'],
    });
    assert.deepEqual(byId.S3_BUCKET_REPLICATION_ENABLED.Scope.ComplianceResourceId, { Ref: idOf(stack.storage.bucket) });
  });
});

describe('availability', () => {
  const media = resources[idOf(stack.storage.bucket)]!.Properties;
  const replicaName = { 'Fn::Join': ['', [`${DEFAULT_SETTINGS.namePrefix}-replica-`, { Ref: 'AWS::AccountId' }]] };
  it('the media bucket keeps versions and expires non-current ones after noncurrentVersionDays', () => {
    assert.deepEqual(media.VersioningConfiguration, { Status: 'Enabled' });
    const r = media.LifecycleConfiguration.Rules.find((x: any) => x.Id === 'expire-noncurrent-versions');
    assert.equal(r.NoncurrentVersionExpiration.NoncurrentDays, DEFAULT_SETTINGS.noncurrentVersionDays);
  });
  it('every DynamoDB table in the stack gets point-in-time recovery, whoever adds it', async () => {
    const dynamodb = await import('aws-cdk-lib/aws-dynamodb');
    const app = new App();
    const s = new IneVideoStack(app, 'Tables', { settings: readSettings(app.node, { lambdaCode: 'stub' }), env: TEST_ENV });
    new dynamodb.Table(s, 'Careless', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    new dynamodb.CfnTable(s, 'CarelessL1', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    });
    new dynamodb.TableV2(s, 'CarelessV2', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const t = Template.fromStack(s);
    const tables = Object.values(t.findResources('AWS::DynamoDB::Table'));
    assert.equal(tables.length, 3, "the broker's login counters and the two added here");
    for (const x of tables) assert.deepEqual(x.Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    const [global] = Object.values(t.findResources('AWS::DynamoDB::GlobalTable'));
    assert.ok(global.Properties.Replicas.length >= 1);
    for (const r of global.Properties.Replicas) assert.deepEqual(r.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
  });
  it('replicates every object and delete marker to the replica bucket in the replica Region, with a least-privilege role', () => {
    const rc = media.ReplicationConfiguration;
    const roleId = idOf(stack.replication.role);
    assert.deepEqual(rc.Role, { 'Fn::GetAtt': [roleId, 'Arn'] });
    assert.equal(rc.Rules.length, 1);
    const [rule] = rc.Rules;
    assert.equal(rule.Status, 'Enabled');
    assert.deepEqual(rule.Filter, { Prefix: '' });
    assert.deepEqual(rule.DeleteMarkerReplication, { Status: 'Enabled' });
    assert.deepEqual(rule.Destination.Bucket, {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${DEFAULT_SETTINGS.namePrefix}-replica-`, { Ref: 'AWS::AccountId' }]],
    });
    const policy = ofType('AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))![1];
    const actions = (policy.Properties.PolicyDocument.Statement as any[]).flatMap((s) => [s.Action].flat());
    assert.deepEqual(actions.sort(), [
      's3:GetObjectVersionAcl',
      's3:GetObjectVersionForReplication',
      's3:GetObjectVersionTagging',
      's3:GetReplicationConfiguration',
      's3:ListBucket',
      's3:ReplicateDelete',
      's3:ReplicateObject',
      's3:ReplicateTags',
    ]);
    assert.deepEqual(resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement[0].Principal, { Service: 's3.amazonaws.com' });
  });
  it('every CDN behaviour goes to an origin group that fails over to the replica on 500/502/503/504 and on timeouts', () => {
    const [group] = dist.OriginGroups.Items;
    assert.equal(dist.OriginGroups.Quantity, 1);
    assert.deepEqual(group.FailoverCriteria.StatusCodes.Items, [...FAILOVER_STATUS_CODES]);
    assert.deepEqual([...FAILOVER_STATUS_CODES], [500, 502, 503, 504]);
    for (const b of [dist.DefaultCacheBehavior, ...dist.CacheBehaviors].filter((b: any) => b.PathPattern !== API_PATH_PATTERN))
      assert.equal(b.TargetOriginId, group.Id);
    const [primaryId, fallbackId] = group.Members.Items.map((m: any) => m.OriginId);
    const origins = Object.fromEntries(dist.Origins.map((o: any) => [o.Id, o]));
    assert.deepEqual(origins[primaryId].DomainName, { 'Fn::GetAtt': [idOf(stack.storage.bucket), 'RegionalDomainName'] });
    assert.equal(origins[primaryId].ConnectionAttempts, 2, 'a silent primary fails over after 2 short attempts');
    assert.equal(origins[primaryId].ConnectionTimeout, 3);
    assert.deepEqual(origins[fallbackId].DomainName, {
      'Fn::Join': ['', [...replicaName['Fn::Join'][1], `.s3.${DEFAULT_SETTINGS.replicaRegion}.amazonaws.com`]],
    });
  });
  it('the replica stack: the same bucket name, versioned, private, CloudFront may read only media/ and catalog/ (cdk-nag: nag.test.ts)', () => {
    const app = new App();
    const settings = readSettings(app.node, { lambdaCode: 'stub' });
    const replica = new IneReplicaStack(app, 'Replica', { settings, env: { account: TEST_ENV.account, region: settings.replicaRegion } });
    const t = Template.fromStack(replica);
    const r = t.toJSON().Resources as Record<string, Res>;
    const b = r[replica.getLogicalId(replica.bucket.node.defaultChild as never)]!.Properties;
    assert.deepEqual(b.BucketName, replicaName);
    assert.equal(replicaBucketName(settings, '123'), 'ine-video-replica-123');
    assert.deepEqual(b.VersioningConfiguration, { Status: 'Enabled' });
    assert.equal(b.PublicAccessBlockConfiguration.RestrictPublicBuckets, true);
    const st = Object.values(r).find(
      (x) => x.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(x.Properties).includes('CdnFailoverReadsPublicPrefixes'),
    )!.Properties.PolicyDocument.Statement as any[];
    const read = st.find((s) => s.Sid === 'CdnFailoverReadsPublicPrefixes');
    assert.deepEqual(read.Action, 's3:GetObject');
    assert.equal(read.Resource.length, CDN_READABLE_PREFIXES.length);
    assert.ok(
      JSON.stringify(read.Resource).includes('/media/*') &&
        JSON.stringify(read.Resource).includes('/catalog/*') &&
        !JSON.stringify(read.Resource).includes('uploads'),
    );
    assert.ok(JSON.stringify(read.Condition).includes(':distribution/*'));
    assert.throws(() => buildStack({ replicaRegion: 'us-east-1' }), /must differ/);
  });
});

describe('alarms', () => {
  const topicId = idOf(stack.alarms.topic);
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, r]): Record<string, any> => ({ id, ...r.Properties }));
  const byMetric = (ns: string, name: string) => alarms.filter((a) => a.Namespace === ns && a.MetricName === name);
  it('every alarm notifies the topic, which is encrypted with a rotated key and TLS-only', () => {
    assert.ok(alarms.length >= 10);
    for (const a of alarms) assert.deepEqual(a.AlarmActions, [{ Ref: topicId }], a.id);
    const topic = resources[topicId]!.Properties;
    assert.deepEqual(topic.KmsMasterKeyId, { 'Fn::GetAtt': [idOf(stack.alarms.key), 'Arn'] });
    const tp = ofType('AWS::SNS::TopicPolicy')[0]![1].Properties.PolicyDocument.Statement as any[];
    assert.ok(tp.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
    const ks = resources[idOf(stack.alarms.key)]!.Properties.KeyPolicy.Statement as any[];
    assert.ok(
      ks.some((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com'),
      'CloudWatch can publish to the encrypted topic',
    );
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@ine.mx', TopicArn: { Ref: topicId } });
  });
  it("edge: 5xx rate and origin latency of this distribution (with CloudFront's additional metrics on)", () => {
    const distId = { Ref: idOf(stack.cdn.distribution) };
    const [rate] = byMetric('AWS/CloudFront', '5xxErrorRate');
    assert.equal(rate!.Threshold, THRESHOLDS.edge5xxRatePercent);
    assert.deepEqual(rate!.Dimensions, [
      { Name: 'DistributionId', Value: distId },
      { Name: 'Region', Value: 'Global' },
    ]);
    const [lat] = byMetric('AWS/CloudFront', 'OriginLatency');
    assert.equal(lat!.ExtendedStatistic, 'p90');
    assert.equal(lat!.Threshold, THRESHOLDS.originLatencyP90Ms);
    template.hasResourceProperties('AWS::CloudFront::MonitoringSubscription', {
      DistributionId: distId,
      MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: 'Enabled' } },
    });
  });
  it('WAF blocked-request spikes on both web ACLs', () => {
    const blocked = byMetric('AWS/WAFV2', 'BlockedRequests');
    const acls = blocked.map((a) => a.Dimensions.find((d: any) => d.Name === 'WebACL').Value).sort();
    assert.deepEqual(acls, [webAcls.REGIONAL!.Name, webAcls.CLOUDFRONT!.Name].sort());
  });
  it('5xx answers of the API endpoints behind the regional web ACL (HTTP API, load balancer)', () => {
    const httpApi = 'arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5/stages/prod';
    const alb = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/broker/0123456789abcdef';
    const b = buildStack({ regionalWafResourceArns: [httpApi, alb, API_STAGE] });
    const a = Object.values(b.template.findResources('AWS::CloudWatch::Alarm')).map((x) => x.Properties);
    const api = a.find((x) => x.Namespace === 'AWS/ApiGateway');
    assert.equal(api.MetricName, '5xx');
    assert.deepEqual(api.Dimensions, [
      { Name: 'ApiId', Value: 'a1b2c3d4e5' },
      { Name: 'Stage', Value: 'prod' },
    ]);
    const lb = a.find((x) => x.Namespace === 'AWS/ApplicationELB');
    assert.equal(lb.MetricName, 'HTTPCode_Target_5XX_Count');
    assert.deepEqual(lb.Dimensions, [{ Name: 'LoadBalancer', Value: 'app/broker/0123456789abcdef' }]);
    for (const x of [api, lb]) assert.equal(x.Threshold, THRESHOLDS.api5xxPer5Min);
    assert.equal(
      a.filter((x) => x.Namespace === 'AWS/ApiGateway' || x.Namespace === 'AWS/ApplicationELB').length,
      2,
      'a REST API stage ARN carries no API name: alarmed where the API is defined',
    );
  });
  it("MediaConvert failures of this stack's queue", () => {
    const [a] = byMetric('AWS/Events', 'MatchedEvents');
    const ruleId = a!.Dimensions[0].Value.Ref as string;
    const pattern = resources[ruleId]!.Properties.EventPattern;
    assert.deepEqual(pattern.detail.status, ['ERROR']);
    assert.deepEqual(pattern.detail.queue, [{ 'Fn::GetAtt': [idOf(stack.packaging.queue), 'Arn'] }]);
    assert.equal(a!.Threshold, 1);
  });
  it('errors and throttles for every Lambda function, and every failed-event queue', () => {
    const fns = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime?.startsWith('nodejs24'));
    assert.ok(fns.length >= 3);
    for (const [fnId] of fns) {
      for (const m of ['Errors', 'Throttles']) {
        assert.ok(
          alarms.some(
            (a) =>
              a.Namespace === 'AWS/Lambda' &&
              a.MetricName === m &&
              JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId } }]),
          ),
          `${m} of ${fnId}`,
        );
      }
    }
    for (const [qId, q] of ofType('AWS::SQS::Queue')) {
      // A work queue (it has a dead-letter queue: the indexer's) alarms when a change waits too long;
      // a failed-event queue alarms on any message at all.
      const metric = q.Properties.RedrivePolicy ? 'ApproximateAgeOfOldestMessage' : 'ApproximateNumberOfMessagesVisible';
      assert.ok(
        alarms.some((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(qId)),
        `${metric} of ${qId}`,
      );
    }
  });
  it('a function or queue added after the stack is built is watched too', async () => {
    const lambda = await import('aws-cdk-lib/aws-lambda');
    const sqs = await import('aws-cdk-lib/aws-sqs');
    const app = new App();
    const s = new IneVideoStack(app, 'Later', { settings: readSettings(app.node, { lambdaCode: 'stub' }), env: TEST_ENV });
    const fn = new lambda.Function(s, 'AddedLater', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.h',
      code: lambda.Code.fromInline('exports.h = async () => {}'),
    });
    const q = new sqs.Queue(s, 'QueueAddedLater', { enforceSSL: true });
    const t = Template.fromStack(s);
    for (const m of ['Errors', 'Throttles'])
      t.resourcePropertiesCountIs(
        'AWS::CloudWatch::Alarm',
        {
          MetricName: m,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: s.getLogicalId(fn.node.defaultChild as never) } }],
          AlarmActions: [{ Ref: s.getLogicalId(s.alarms.topic.node.defaultChild as never) }],
        },
        1,
      );
    t.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [s.getLogicalId(q.node.defaultChild as never), 'QueueName'] } }],
      },
      1,
    );
    const body = JSON.stringify(Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    assert.ok(body.includes(s.getLogicalId(fn.node.defaultChild as never)), 'on the dashboard');
  });
  it('a dashboard shows them', () => {
    const [[, dash]] = ofType('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dash!.Properties.DashboardBody);
    for (const w of ['CDN error rates', 'origin latency', 'WAF blocked', 'MediaConvert failed jobs', 'Lambda errors', 'Lambda throttles', 'Alarms'])
      assert.ok(body.includes(w), w);
  });
});
