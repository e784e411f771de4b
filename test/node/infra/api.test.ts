/**
 * The Web API's AWS side, asserted on the synthesized template: HTTP API with the broker's JWT
 * authorizer on every route, stage throttling and access logs, served through the CDN (and its web
 * ACL) at the stand-in's paths, and an audit bucket no one can rewrite (cdk-nag: nag.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_BASE_PATH, API_MEDIA_GRANTS } from '../../../infra/lib/api.ts';
import { API_PATH_PATTERN } from '../../../infra/lib/cdn.ts';
import { OUTPUT_KEYS } from '../../../infra/lib/ine-stack.ts';
import { DEFAULT_SETTINGS, readSettings } from '../../../infra/lib/settings.ts';
import { buildStack } from './helpers.ts';

const { template, stack } = buildStack();
type Res = { Type: string; Properties: Record<string, any> };
const resources = template.toJSON().Resources as Record<string, Res>;
const ofType = (t: string) => Object.entries(resources).filter(([, r]) => r.Type === t);
const idOf = (c: any) => stack.getLogicalId(c.node.defaultChild);
const fnId = idOf(stack.api.fn);
const auditId = idOf(stack.api.auditBucket);

describe('Web API on AWS', () => {
  it('every route needs a JWT from the broker (issuer and audience from settings)', () => {
    const [[authId, auth]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Res]];
    assert.equal(auth.Properties.AuthorizerType, 'JWT');
    assert.deepEqual(auth.Properties.IdentitySource, ['$request.header.Authorization']);
    assert.deepEqual(auth.Properties.JwtConfiguration, { Audience: [DEFAULT_SETTINGS.apiJwtAudience], Issuer: DEFAULT_SETTINGS.apiJwtIssuer });
    const routes = ofType('AWS::ApiGatewayV2::Route');
    // The CORS preflight is answered by API Gateway itself (no route, no token needed).
    assert.deepEqual(
      routes.map(([, r]) => r.Properties.RouteKey),
      [`ANY ${API_BASE_PATH}/{proxy+}`],
    );
    for (const [, r] of routes) {
      assert.equal(r.Properties.AuthorizationType, 'JWT');
      assert.deepEqual(r.Properties.AuthorizerId, { Ref: authId });
    }
  });
  it('the stage throttles the whole API and writes a JSON access log line per request', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Res]];
    assert.equal(stage.Properties.StageName, '$default');
    assert.deepEqual(stage.Properties.DefaultRouteSettings, {
      ThrottlingBurstLimit: DEFAULT_SETTINGS.apiThrottleBurst,
      ThrottlingRateLimit: DEFAULT_SETTINGS.apiThrottleRatePerSecond,
    });
    const line = JSON.parse(stage.Properties.AccessLogSettings.Format);
    for (const k of ['requestId', 'ip', 'route', 'status', 'sub', 'clientId', 'authorizerError']) assert.ok(line[k], k);
    assert.deepEqual(stage.Properties.AccessLogSettings.DestinationArn, { 'Fn::GetAtt': [idOf(stack.api.accessLogs), 'Arn'] });
  });
  it('the CDN serves it at api/* (so the edge web ACL screens it): HTTPS only, every method, nothing cached, viewer headers forwarded', () => {
    const dist = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    const api = dist.CacheBehaviors.find((b: any) => b.PathPattern === API_PATH_PATTERN);
    assert.ok(api, 'an api/* behaviour');
    assert.equal(api.ViewerProtocolPolicy, 'https-only');
    assert.deepEqual(api.AllowedMethods, ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
    assert.equal(api.CachePolicyId, '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', 'Managed-CachingDisabled');
    assert.equal(api.OriginRequestPolicyId, 'b689b0a8-53d0-40ab-baf2-68738e2966ac', 'Managed-AllViewerExceptHostHeader');
    assert.equal(api.FunctionAssociations, undefined, 'the publication gate is for media, not the API');
    const origin = dist.Origins.find((o: any) => o.Id === api.TargetOriginId);
    assert.equal(origin.CustomOriginConfig.OriginProtocolPolicy, 'https-only');
    assert.ok(JSON.stringify(origin.DomainName).includes(idOf(stack.api.httpApi)), 'the HTTP API endpoint');
    assert.ok(dist.WebACLId, 'the distribution has the edge web ACL');
    template.hasOutput(OUTPUT_KEYS.apiBaseUrl, {});
  });
  it('the audit bucket: Object Lock in compliance mode, versioned, SSE-KMS with a rotating key, TLS-only, logged', () => {
    const b = resources[auditId]!.Properties;
    assert.deepEqual(b.ObjectLockConfiguration, {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: DEFAULT_SETTINGS.evidenceRetentionDays } },
    });
    assert.deepEqual(b.VersioningConfiguration, { Status: 'Enabled' });
    assert.equal(b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, 'aws:kms');
    assert.equal(resources[idOf(stack.api.auditKey)]!.Properties.EnableKeyRotation, true);
    assert.equal(b.LoggingConfiguration.LogFilePrefix, 'audit-access/');
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: auditId }))![1];
    assert.ok(
      (policy.Properties.PolicyDocument.Statement as any[]).some(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      ),
    );
  });
  it("the handler's role: the media bucket by prefix as API_MEDIA_GRANTS lists, audit entries written and read but never deleted, seals signed", () => {
    const roleRef = resources[fnId]!.Properties.Role['Fn::GetAtt'][0];
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleRef }]))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
    const onAudit = statements.filter((s) => JSON.stringify(s.Resource).includes(auditId));
    const auditActions = onAudit.flatMap((s) => [s.Action].flat());
    assert.ok(auditActions.includes('s3:PutObject') && auditActions.includes('s3:GetObject'));
    // Deletes only of its own write-ahead intents and sequenced queue items (a delete marker in the locked bucket), never entries or seals.
    for (const s of onAudit)
      for (const a of [s.Action].flat()) {
        if (a === 's3:DeleteObject') for (const r of [s.Resource].flat()) assert.match(JSON.stringify(r), /audit\/(intents|queue)\/\*/);
        else assert.doesNotMatch(a, /Delete|Retention|LegalHold|\*/, a);
      }
    const sign = statements.find((s) => [s.Action].flat().includes('kms:Sign'));
    assert.ok(sign, 'signs seals');
    assert.deepEqual([sign.Action].flat(), ['kms:Sign']);
    assert.deepEqual(sign.Condition, { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'RAW' } });
    assert.ok(resources[fnId]!.Properties.Environment.Variables.INE_AUDIT_SEAL_KEY_ID);
    for (const g of API_MEDIA_GRANTS) {
      const st = statements.find((s) => JSON.stringify(s.Resource).includes(`/${g.prefix}`) && !JSON.stringify(s.Resource).includes(auditId));
      assert.ok(st, g.prefix);
      assert.deepEqual([st.Action].flat().sort(), [...g.actions].sort(), g.prefix);
    }
    const env = resources[fnId]!.Properties.Environment.Variables;
    assert.deepEqual(env.INE_AUDIT_BUCKET, { Ref: auditId });
    assert.equal(env.INE_API_ISSUER, DEFAULT_SETTINGS.apiJwtIssuer);
    assert.equal(env.INE_API_JWKS_URL, `${DEFAULT_SETTINGS.apiJwtIssuer}/.well-known/jwks.json`);
  });
  it('settings: the issuer must be https, throttles within the account quota', () => {
    assert.throws(() => readSettings(undefined, { apiJwtIssuer: 'http://acceso.ine.mx' }), /apiJwtIssuer/);
    assert.throws(() => readSettings(undefined, { apiThrottleRatePerSecond: 20_000 }), /apiThrottleRatePerSecond/);
    assert.throws(() => readSettings(undefined, { apiThrottleBurst: 9_000 }), /apiThrottleBurst/);
    const custom = buildStack({ apiJwtIssuer: 'https://acceso.ine.mx/broker', apiJwtAudience: 'monitoreo' });
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: ['monitoreo'], Issuer: 'https://acceso.ine.mx/broker' },
    });
  });
});
