/**
 * Draft previews on AWS (infra/lib/preview.ts): the key group is trusted by the preview behaviour
 * only, the preview path maps to the clip folder, the private key is readable by the API function
 * alone, and the Lambda reads it with one signed GetSecretValue call (infra/api/preview-key.ts).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { PREVIEW_PATH, PREVIEW_PATH_FUNCTION } from '../../../infra/lib/preview.ts';
import { previewSignerFromEnv, readSecretString } from '../../../infra/api/preview-key.ts';
import { buildStack } from './helpers.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

type Behavior = { PathPattern: string; TrustedKeyGroups?: unknown[] };

describe('draft preview on CloudFront', () => {
  it('without a preview key: no key group for previews, no preview behaviour', () => {
    const { template } = buildStack();
    template.resourceCountIs('AWS::CloudFront::PublicKey', 0);
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { CacheBehaviors: Behavior[] } };
    };
    assert.ok(!dist.Properties.DistributionConfig.CacheBehaviors.some((b) => b.PathPattern === PREVIEW_PATH));
  });

  it('with one: the key group is trusted by the preview behaviour only, the secret read by the API function only', () => {
    const { template, stack } = buildStack({ previewPublicKey: pem });
    template.hasResourceProperties('AWS::CloudFront::PublicKey', { PublicKeyConfig: { EncodedKey: pem } });
    template.resourceCountIs('AWS::CloudFront::KeyGroup', 1);
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { CacheBehaviors: Behavior[]; DefaultCacheBehavior: Behavior } };
    };
    const { CacheBehaviors, DefaultCacheBehavior } = dist.Properties.DistributionConfig;
    const preview = CacheBehaviors.filter((b) => b.TrustedKeyGroups?.length);
    assert.deepEqual(
      preview.map((b) => b.PathPattern),
      [PREVIEW_PATH],
    );
    assert.equal(DefaultCacheBehavior.TrustedKeyGroups, undefined);
    // The private key: readable by the API function's role, by nobody else.
    const apiRole = stack.getLogicalId(stack.api.fn.role!.node.defaultChild as never);
    const readers = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([, p]) => JSON.stringify(p).includes('secretsmanager:GetSecretValue'))
      .map(([, p]) => JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles));
    assert.deepEqual(readers, [JSON.stringify([{ Ref: apiRole }])]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INE_PREVIEW_KEY_SECRET_ARN: Match.anyValue(), INE_PREVIEW_KEY_PAIR_ID: Match.anyValue() }) },
    });
  });

  it('the preview path function maps /preview/media/<id>/… to the clip folder and refuses anything else', () => {
    const handler = new Function(`${PREVIEW_PATH_FUNCTION}; return handler;`)() as (e: unknown) => { uri?: string; statusCode?: number };
    assert.equal(handler({ request: { uri: '/preview/media/abc/720p/seg-1.m4s' } }).uri, '/media/abc/720p/seg-1.m4s');
    assert.equal(handler({ request: { uri: '/preview/index/root.json' } }).statusCode, 404);
    assert.equal(handler({ request: { uri: '/preview/media/abc/../../index/root.json' } }).statusCode, 404);
  });

  it('the Lambda reads the key with one SigV4-signed GetSecretValue and signs with it', async () => {
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      INE_PREVIEW_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:preview-AbCdEf',
      INE_PREVIEW_KEY_PAIR_ID: 'K2ABCDEFGHIJ',
    };
    const calls: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const fakeFetch = (async (url: string, init: { headers: Record<string, string>; body: string }) => {
      calls.push({ url, headers: init.headers, body: init.body });
      return new Response(JSON.stringify({ SecretString: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }));
    }) as unknown as typeof fetch;
    const pemText = await readSecretString(env.INE_PREVIEW_KEY_SECRET_ARN, env, fakeFetch);
    assert.match(pemText, /BEGIN PRIVATE KEY/);
    assert.equal(calls[0]!.url, 'https://secretsmanager.us-east-1.amazonaws.com/');
    assert.equal(calls[0]!.headers['x-amz-target'], 'secretsmanager.GetSecretValue');
    assert.match(calls[0]!.headers.authorization!, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/secretsmanager\/aws4_request/);
    assert.equal(calls[0]!.headers['x-amz-security-token'], 'token');
    assert.deepEqual(JSON.parse(calls[0]!.body), { SecretId: env.INE_PREVIEW_KEY_SECRET_ARN });
    const signer = previewSignerFromEnv(env)!;
    assert.equal(signer.keyPairId, 'K2ABCDEFGHIJ');
    assert.equal(previewSignerFromEnv({}), undefined);
  });
});
