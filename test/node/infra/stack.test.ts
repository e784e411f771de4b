/**
 * The CDK app synthesized in-process (no CLI, no credentials, no network) and asserted property by
 * property: every security property of issue 7. Lambda code is the inline stub here
 * (`lambdaCode: 'stub'`, template tests only); bundle.test.ts bundles the real handlers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from '../../../infra/lib/cors.ts';
import { API_PATH_PATTERN } from '../../../infra/lib/cdn.ts';
import { OUTPUT_KEYS } from '../../../infra/lib/ine-stack.ts';
import { buildStack, TEST_BUCKET } from './helpers.ts';

const built = buildStack();
const { template, stack } = built;
type Res = { Type: string; Properties: Record<string, any> };
const resources = template.toJSON().Resources as Record<string, Res>;
const ofType = (t: string) => Object.entries(resources).filter(([, r]) => r.Type === t);
const logicalId = (c: any) => stack.getLogicalId(c.node.defaultChild);
const mediaId = logicalId(stack.storage.bucket);
const logsId = logicalId(stack.storage.logBucket);
const media = resources[mediaId]!.Properties;
const logs = resources[logsId]!.Properties;

describe('media bucket', () => {
  it('is private: Block Public Access on every switch, ACLs disabled (BucketOwnerEnforced)', () => {
    assert.deepEqual(media.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.deepEqual(media.OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    assert.equal(media.BucketName, TEST_BUCKET);
  });
  it('encrypts at rest with SSE-S3 and keeps versions', () => {
    assert.deepEqual(media.BucketEncryption, { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    assert.deepEqual(media.VersioningConfiguration, { Status: 'Enabled' });
  });
  it('logs server access to the log bucket', () => {
    assert.deepEqual(media.LoggingConfiguration, { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 's3-access/' });
  });
  it('aborts incomplete multipart uploads, expires old versions, tiers sources', () => {
    const rules = media.LifecycleConfiguration.Rules as any[];
    const byId = Object.fromEntries(rules.map((r) => [r.Id, r]));
    assert.equal(byId['abort-incomplete-multipart'].AbortIncompleteMultipartUpload.DaysAfterInitiation, 7);
    assert.equal(byId['expire-noncurrent-versions'].NoncurrentVersionExpiration.NoncurrentDays, 30);
    assert.equal(byId['expire-noncurrent-versions'].ExpiredObjectDeleteMarker, true);
    assert.equal(byId['sources-intelligent-tiering'].Prefix, 'uploads/');
    for (const r of rules) assert.equal(r.Status, 'Enabled');
  });
  it('has CORS exactly as the elements need', () => {
    assert.deepEqual(media.CorsConfiguration, {
      CorsRules: [
        {
          AllowedMethods: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
          AllowedOrigins: ['https://monitoreo.ine.mx', 'http://localhost:5173'],
          AllowedHeaders: CORS_ALLOWED_HEADERS,
          ExposedHeaders: CORS_EXPOSED_HEADERS,
          MaxAge: 3600,
        },
      ],
    });
    for (const h of ['amz-sdk-invocation-id', 'amz-sdk-request', 'authorization', 'content-type', 'content-md5', 'x-amz-*'])
      assert.ok(CORS_ALLOWED_HEADERS.includes(h), h);
    assert.deepEqual(CORS_EXPOSED_HEADERS, [
      'ETag',
      'x-amz-checksum-crc32',
      'x-amz-checksum-crc32c',
      'x-amz-checksum-sha256',
      'x-amz-checksum-sha1',
      'Content-Range',
      'Content-Length',
      'x-amz-version-id',
      'x-amz-request-id',
    ]);
  });
  it('refuses plain HTTP and TLS < 1.2, and never lets CloudFront read uploads/ or index/', () => {
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: mediaId }))!;
    const st = policy.Properties.PolicyDocument.Statement as any[];
    const tlsOnly = st.find((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    assert.equal(tlsOnly.Effect, 'Deny');
    assert.equal(tlsOnly.Action, 's3:*');
    assert.deepEqual(tlsOnly.Principal, { AWS: '*' });
    assert.equal(tlsOnly.Resource.length, 2, 'bucket and objects');
    assert.ok(st.find((s) => s.Effect === 'Deny' && s.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2));
    const cdnDeny = st.find((s) => s.Sid === 'CdnNeverReadsPrivatePrefixes');
    assert.equal(cdnDeny.Effect, 'Deny');
    assert.deepEqual(cdnDeny.Principal, { Service: 'cloudfront.amazonaws.com' });
    assert.deepEqual(JSON.stringify(cdnDeny.Resource).match(/\/(uploads|index)\/\*/g), ['/uploads/*', '/index/*']);
    const oacAllow = st.find((s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudfront.amazonaws.com');
    assert.deepEqual(oacAllow.Action, 's3:GetObject', 'CloudFront may only read');
    assert.ok(JSON.stringify(oacAllow.Condition).includes(':distribution/'), 'only this distribution (OAC SourceArn)');
  });
  it('log bucket is private, TLS-only, encrypted and expires logs', () => {
    assert.equal(logs.PublicAccessBlockConfiguration.BlockPublicPolicy, true);
    assert.ok(logs.BucketEncryption);
    const rule = (logs.LifecycleConfiguration.Rules as any[]).find((r) => r.Id === 'expire-logs');
    assert.equal(rule.ExpirationInDays, 365);
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: logsId }))!;
    assert.ok(
      (policy.Properties.PolicyDocument.Statement as any[]).some(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      ),
    );
  });
});

describe('CloudFront', () => {
  const [[, dist]] = ofType('AWS::CloudFront::Distribution') as [[string, Res]];
  const cfg = dist.Properties.DistributionConfig;
  // The media and catalog behaviours; the Web API's own behaviour (api/*) is asserted in api.test.ts.
  const mediaBehaviors = cfg.CacheBehaviors.filter((b: any) => b.PathPattern !== API_PATH_PATTERN);
  const behaviors = [cfg.DefaultCacheBehavior, ...mediaBehaviors] as any[];
  const byPath = Object.fromEntries(mediaBehaviors.map((b: any) => [b.PathPattern, b]));
  const cachePolicy = (b: any) => resources[b.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
  const headersPolicy = (b: any) => resources[b.ResponseHeadersPolicyId.Ref]!.Properties.ResponseHeadersPolicyConfig;

  it('reaches the bucket through Origin Access Control only', () => {
    const [[oacId, oac]] = ofType('AWS::CloudFront::OriginAccessControl') as [[string, Res]];
    assert.deepEqual(oac.Properties.OriginAccessControlConfig, {
      ...oac.Properties.OriginAccessControlConfig,
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origins = cfg.Origins.filter((o: any) => o.S3OriginConfig);
    assert.equal(s3Origins.length, 2, 'the media bucket and its replica (failover, controls.test.ts)');
    assert.equal(cfg.Origins.length, 3, 'and the Web API (api.test.ts)');
    for (const o of s3Origins) {
      assert.deepEqual(o.OriginAccessControlId, { 'Fn::GetAtt': [oacId, 'Id'] });
      assert.equal(o.S3OriginConfig.OriginAccessIdentity, '', 'no legacy OAI');
    }
  });
  it('is HTTPS only, HTTP/2 and HTTP/3, IPv6, logged, with the configured price class', () => {
    for (const b of behaviors) assert.equal(b.ViewerProtocolPolicy, 'redirect-to-https');
    assert.equal(cfg.HttpVersion, 'http2and3');
    assert.equal(cfg.IPV6Enabled, true);
    assert.deepEqual(cfg.Logging.Bucket, { 'Fn::GetAtt': [logsId, 'RegionalDomainName'] });
    assert.equal(cfg.PriceClass, 'PriceClass_100');
  });
  it('serves only GET/HEAD/OPTIONS and compresses', () => {
    for (const b of behaviors) {
      assert.deepEqual(b.AllowedMethods, ['GET', 'HEAD', 'OPTIONS']);
      assert.deepEqual(b.CachedMethods, ['GET', 'HEAD'], 'preflights depend on Origin: never cached');
      assert.equal(b.Compress, true);
    }
  });
  it('runs the published-id gate on every behaviour, as a viewer-request JS 2.0 function with the KeyValueStore', () => {
    const [[fnId, fn]] = ofType('AWS::CloudFront::Function') as [[string, Res]];
    const [[kvsId]] = ofType('AWS::CloudFront::KeyValueStore');
    for (const b of behaviors)
      assert.deepEqual(b.FunctionAssociations, [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    assert.equal(fn.Properties.FunctionConfig.Runtime, 'cloudfront-js-2.0');
    assert.deepEqual(fn.Properties.FunctionConfig.KeyValueStoreAssociations, [{ KeyValueStoreARN: { 'Fn::GetAtt': [kvsId, 'Arn'] } }]);
    assert.equal(fn.Properties.AutoPublish, true);
    const code = JSON.stringify(fn.Properties.FunctionCode);
    assert.ok(code.includes(`{"Fn::GetAtt":["${kvsId}","Id"]}`), 'the code is bound to the store id');
    assert.ok(!code.includes('__KVS_ID__'));
    assert.ok(Buffer.byteLength(code) < 10_240, 'CloudFront Functions are limited to 10 KB');
  });
  it('caches segments, images and catalog fragments a year, playlists, records and the catalog root 5 s', () => {
    assert.deepEqual(Object.keys(byPath), ['catalog/f/*', 'catalog/*', 'media/*/video.json', 'media/*.m3u8', 'keys/*', 'media/*']);
    for (const p of ['media/*', 'catalog/f/*']) {
      const immutable = cachePolicy(byPath[p]);
      assert.equal(immutable.DefaultTTL, 31536000, p);
      assert.equal(immutable.MinTTL, 31536000, p);
      assert.match(headersPolicy(byPath[p]).CustomHeadersConfig.Items[0].Value, /max-age=31536000, immutable/);
    }
    for (const p of ['catalog/*', 'media/*/video.json', 'media/*.m3u8', 'keys/*']) {
      const short = cachePolicy(byPath[p]);
      assert.equal(short.DefaultTTL, 5, p);
      assert.equal(short.MaxTTL, 5, p);
      assert.match(headersPolicy(byPath[p]).CustomHeadersConfig.Items[0].Value, /max-age=5, stale-while-revalidate=\d+/);
    }
    assert.match(headersPolicy(byPath['media/*']).CustomHeadersConfig.Items[0].Value, /max-age=31536000, immutable/);
    for (const b of behaviors) {
      const p = cachePolicy(b).ParametersInCacheKeyAndForwardedToOrigin;
      assert.equal(p.EnableAcceptEncodingGzip, true);
      assert.equal(p.EnableAcceptEncodingBrotli, true);
      assert.equal(p.CookiesConfig.CookieBehavior, 'none');
      assert.equal(p.QueryStringsConfig.QueryStringBehavior, 'none');
    }
  });
  it('adds security headers and CORS for the configured origins', () => {
    for (const b of behaviors) {
      const h = headersPolicy(b);
      const sec = h.SecurityHeadersConfig;
      assert.equal(sec.StrictTransportSecurity.AccessControlMaxAgeSec, 63072000);
      assert.equal(sec.StrictTransportSecurity.IncludeSubdomains, true);
      assert.equal(sec.ContentTypeOptions.Override, true);
      assert.equal(sec.FrameOptions.FrameOption, 'DENY');
      assert.match(sec.ContentSecurityPolicy.ContentSecurityPolicy, /default-src 'none'/);
      assert.deepEqual(h.CorsConfig.AccessControlAllowOrigins.Items, ['https://monitoreo.ine.mx', 'http://localhost:5173']);
      assert.deepEqual(h.CorsConfig.AccessControlAllowMethods.Items, ['GET', 'HEAD', 'OPTIONS']);
      assert.ok(h.CorsConfig.AccessControlExposeHeaders.Items.includes('Content-Range'));
      assert.equal(h.CorsConfig.AccessControlAllowCredentials, false);
    }
  });
  it('default-domain mode uses the cloudfront.net certificate (documented)', () => {
    assert.deepEqual(cfg.ViewerCertificate, undefined);
    assert.equal(cfg.Aliases, undefined);
  });
  it('with a custom domain: the ACM certificate, SNI and TLSv1.2_2021 minimum', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const custom = buildStack({ domainName: 'videos.ine.mx', certificateArn: arn, priceClass: 'PriceClass_All' });
    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['videos.ine.mx'],
        PriceClass: 'PriceClass_All',
        ViewerCertificate: { AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    custom.template.hasOutput(OUTPUT_KEYS.cdnBaseUrl, { Value: 'https://videos.ine.mx' });
  });
  it('with signed cookies: every behaviour trusts the key group, CORS allows credentials', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtest\n-----END PUBLIC KEY-----';
    const signed = buildStack({ signedCookies: true, signedCookiesPublicKey: pem });
    const r = signed.template.toJSON().Resources as Record<string, Res>;
    const [kgId] = Object.entries(r).find(([, x]) => x.Type === 'AWS::CloudFront::KeyGroup')!;
    const c = Object.values(r).find((x) => x.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig;
    for (const b of [c.DefaultCacheBehavior, ...c.CacheBehaviors].filter((b: any) => b.PathPattern !== API_PATH_PATTERN))
      assert.deepEqual(b.TrustedKeyGroups, [{ Ref: kgId }]);
    for (const x of Object.values(r).filter(
      (x) => x.Type === 'AWS::CloudFront::ResponseHeadersPolicy' && x.Properties.ResponseHeadersPolicyConfig.CorsConfig,
    )) {
      assert.equal(x.Properties.ResponseHeadersPolicyConfig.CorsConfig.AccessControlAllowCredentials, true);
    }
    assert.throws(() => buildStack({ signedCookies: true }), /signedCookiesPublicKey/);
  });
});

describe('Cognito identity', () => {
  const pools = ofType('AWS::Cognito::IdentityPool');
  it('two developer-authenticated pools (uploader, admin), no unauthenticated identities, no classic flow', () => {
    assert.equal(pools.length, 2);
    for (const [, p] of pools) {
      assert.equal(p.Properties.AllowUnauthenticatedIdentities, false);
      assert.equal(p.Properties.AllowClassicFlow, false);
      assert.equal(p.Properties.DeveloperProviderName, 'ine.monitoreo');
    }
  });
  it('each pool maps authenticated identities to its role only, trusted only for that pool', () => {
    for (const role of ['uploader', 'admin'] as const) {
      const poolId = stack.getLogicalId(stack.identity.pools[role]);
      const roleId = logicalId(stack.identity.roles[role]);
      const [, att] = ofType('AWS::Cognito::IdentityPoolRoleAttachment').find(([, a]) => a.Properties.IdentityPoolId.Ref === poolId)!;
      assert.deepEqual(att.Properties.Roles, { authenticated: { 'Fn::GetAtt': [roleId, 'Arn'] } });
      const trust = resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement[0];
      assert.deepEqual(trust.Principal, { Federated: 'cognito-identity.amazonaws.com' });
      assert.deepEqual(trust.Condition, {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      });
      assert.deepEqual(trust.Action, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
    }
  });
  it('the broker policy may only issue developer tokens for the two pools', () => {
    const [, pol] = ofType('AWS::IAM::ManagedPolicy').find(([, p]) => JSON.stringify(p).includes('GetOpenIdTokenForDeveloperIdentity'))!;
    const [st] = pol.Properties.PolicyDocument.Statement;
    assert.deepEqual(st.Action, ['cognito-identity:GetOpenIdTokenForDeveloperIdentity', 'cognito-identity:LookupDeveloperIdentity']);
    assert.equal(st.Resource.length, 2);
    assert.ok(JSON.stringify(st.Resource).includes(':identitypool/'));
  });
});

describe('token broker login counters', () => {
  const tableId = logicalId(stack.brokerRateLimit.table);
  it('one DynamoDB table: on-demand, TTL on the window items, encrypted, point-in-time recovery', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    assert.deepEqual(
      tables.map(([id]) => id),
      [tableId],
    );
    const t = resources[tableId]!.Properties;
    assert.deepEqual(t.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
    assert.equal(t.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(t.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.equal(t.SSESpecification.SSEEnabled, true);
    assert.equal(t.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, true);
  });
  it('only the broker policy may use it, and only with UpdateItem and GetItem', () => {
    const users = Object.entries(resources).filter(
      ([id, r]) => id !== tableId && JSON.stringify(r).includes(tableId) && r.Type.startsWith('AWS::IAM::'),
    );
    assert.deepEqual(
      users.map(([, r]) => r.Type),
      ['AWS::IAM::ManagedPolicy'],
    );
    const statements = (users[0]![1].Properties.PolicyDocument.Statement as any[]).filter((st) => JSON.stringify(st).includes(tableId));
    assert.deepEqual(
      statements.map((st) => ({ Action: st.Action, Resource: st.Resource })),
      [{ Action: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } }],
    );
    assert.ok(JSON.stringify(users[0]![1]).includes('GetOpenIdTokenForDeveloperIdentity'), "the same policy the broker's role already attaches");
    const outs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    assert.deepEqual(outs[OUTPUT_KEYS.brokerRateLimitTable]!.Value, { Ref: tableId });
  });
});

describe('packaging and publication wiring', () => {
  it('MediaConvert role: reads uploads/, writes media/, nothing else', () => {
    const roleId = logicalId(stack.packaging.mediaConvertRole);
    const r = resources[roleId]!.Properties;
    assert.deepEqual(r.AssumeRolePolicyDocument.Statement[0].Principal, { Service: 'mediaconvert.amazonaws.com' });
    const st = r.Policies[0].PolicyDocument.Statement as any[];
    assert.deepEqual(
      st.map((s) => [s.Action, JSON.stringify(s.Resource).match(/\/(\w+)\/\*/)![1]]),
      [
        ['s3:GetObject', 'uploads'],
        ['s3:PutObject', 'media'],
      ],
    );
  });
  it('upload manifests start packaging; video.json writes and deletes sync the published ids', () => {
    const [[, n]] = ofType('Custom::S3BucketNotifications') as [[string, Res]];
    const cfgs = n.Properties.NotificationConfiguration.LambdaFunctionConfigurations as any[];
    const summary = cfgs.map((c) => ({ events: c.Events, rules: c.Filter.Key.FilterRules, fn: c.LambdaFunctionArn['Fn::GetAtt'][0] }));
    assert.deepEqual(summary, [
      {
        events: ['s3:ObjectCreated:*'],
        rules: [
          { Name: 'suffix', Value: '.json' },
          { Name: 'prefix', Value: 'uploads/' },
        ],
        fn: logicalId(stack.packaging.onUpload),
      },
      {
        events: ['s3:ObjectCreated:*'],
        rules: [
          { Name: 'suffix', Value: '/video.json' },
          { Name: 'prefix', Value: 'media/' },
        ],
        fn: logicalId(stack.publication.fn),
      },
      {
        events: ['s3:ObjectRemoved:*'],
        rules: [
          { Name: 'suffix', Value: '/video.json' },
          { Name: 'prefix', Value: 'media/' },
        ],
        fn: logicalId(stack.publication.fn),
      },
    ]);
  });
  it("MediaConvert job state changes of this stack's queue reach the job-finished handler", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.mediaconvert'],
        'detail-type': ['MediaConvert Job State Change'],
        detail: { status: ['COMPLETE', 'ERROR', 'CANCELED'], queue: [{ 'Fn::GetAtt': [stack.getLogicalId(stack.packaging.queue), 'Arn'] }] },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack.packaging.onJobFinished), 'Arn'] } })],
    });
  });
  it('Lambdas run on the latest Node.js runtime, arm64, with log retention', () => {
    const fns = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('BucketNotificationsHandler'));
    assert.equal(fns.length, 6, 'packaging (2), publication, catalog indexer, Web API, webhook delivery');
    for (const [, f] of fns) {
      assert.equal(f.Properties.Runtime, 'nodejs24.x');
      assert.deepEqual(f.Properties.Architectures, ['arm64']);
    }
    for (const [, g] of ofType('AWS::Logs::LogGroup')) assert.equal(g.Properties.RetentionInDays, 365);
  });
  it('events that keep failing land in encrypted, TLS-only dead-letter queues instead of being dropped', () => {
    const queues = ofType('AWS::SQS::Queue');
    assert.equal(queues.length, 7, 'dead-letter queues of each handler and the indexer; the webhook queue and its dead-letter queue');
    for (const [, q] of queues) {
      assert.equal(q.Properties.SqsManagedSseEnabled, true);
      assert.equal(q.Properties.MessageRetentionPeriod, 14 * 24 * 3600);
    }
    const fns = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('BucketNotificationsHandler'));
    // Handlers invoked asynchronously have a dead-letter queue; the one fed by an SQS queue has it on the queue (redrive).
    const queueFed = new Set(ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties.FunctionName.Ref));
    for (const [id, f] of fns) if (!queueFed.has(id)) assert.ok(f.Properties.DeadLetterConfig?.TargetArn, `${id} has a dead-letter queue`);
    assert.equal(queues.filter(([, q]) => q.Properties.RedrivePolicy).length, 2, 'the indexer and webhook queues redrive to a dead-letter queue');
    for (const [, p] of ofType('AWS::SQS::QueuePolicy')) {
      assert.ok(
        (p.Properties.PolicyDocument.Statement as any[]).some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
      );
    }
  });

  it('every clip-record change reaches the catalog indexer in order: EventBridge → one FIFO message group → Lambda', () => {
    const [, notifications] = ofType('Custom::S3BucketNotifications').find(([id]) => id.startsWith('StorageMedia'))!;
    assert.deepEqual(
      notifications.Properties.NotificationConfiguration.EventBridgeConfiguration,
      {},
      'the media bucket sends its events to EventBridge',
    );
    const [, rule] = ofType('AWS::Events::Rule').find(([id]) => id.startsWith('IndexerRecordChanged'))!;
    assert.deepEqual(rule.Properties.EventPattern['detail-type'], ['Object Created', 'Object Deleted']);
    assert.deepEqual(rule.Properties.EventPattern.detail.object.key, [{ wildcard: 'media/*/video.json' }]);
    assert.equal(rule.Properties.Targets[0].SqsParameters.MessageGroupId, 'catalog');
    const [queueId, queue] = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('IndexerChanges'))!;
    assert.equal(queue.Properties.FifoQueue, true);
    assert.equal(queue.Properties.RedrivePolicy.maxReceiveCount, 5);
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes(queueId))!;
    assert.deepEqual(mapping.Properties.FunctionResponseTypes, ['ReportBatchItemFailures']);
    const roleId = logicalId(stack.indexer.fn.role as any);
    const [, pol] = ofType('AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))!;
    const statements = pol.Properties.PolicyDocument.Statement as any[];
    const write = statements.find((x) => x.Sid === 'WriteCatalog');
    assert.deepEqual([write.Action].flat().sort(), ['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    assert.ok(!JSON.stringify(write.Resource).includes('media/'), 'the indexer never writes clip records or media');
  });

  it('the publication Lambda may only read clip records, write the store and schedule window boundaries', () => {
    const roleId = logicalId(stack.publication.fn.role as any);
    const [, pol] = ofType('AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))!;
    const actions = (pol.Properties.PolicyDocument.Statement as any[]).flatMap((s) => [s.Action].flat());
    assert.deepEqual(actions.sort(), [
      'cloudfront-keyvaluestore:DeleteKey',
      'cloudfront-keyvaluestore:DescribeKeyValueStore',
      'cloudfront-keyvaluestore:PutKey',
      'iam:PassRole',
      's3:GetObject',
      's3:ListBucket',
      'scheduler:CreateSchedule',
      'sqs:SendMessage',
    ]);
  });
});

describe('outputs', () => {
  it("has everything the elements' configuration and the broker need", () => {
    const outs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const k of Object.values(OUTPUT_KEYS)) assert.ok(outs[k], `output ${k}`);
    assert.deepEqual(outs[OUTPUT_KEYS.bucket]!.Value, { Ref: mediaId });
    assert.equal(outs[OUTPUT_KEYS.developerProviderName]!.Value, 'ine.monitoreo');
    assert.equal(outs[OUTPUT_KEYS.region]!.Value, 'us-east-1');
  });
});
