// IAM evaluation of the real role policies (infra/policies) and of the evaluator's own rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, rolePolicies } from '../../../server/policy/index.ts';
import { evaluate, substitute, validatePolicy, wildcardMatch, type Policy } from '../../../server/policy/evaluate.ts';

const bucket = 'ine-media';
const policies = rolePolicies(bucket);
const me = 'us-east-1:11111111-2222-3333-4444-555555555555';
const other = 'us-east-1:99999999-2222-3333-4444-555555555555';
const arn = (key?: string) => `arn:aws:s3:::${bucket}${key === undefined ? '' : `/${key}`}`;
const allowed = (role: 'viewer' | 'uploader' | 'admin' | 'service', action: string, resource: string, conditions: Record<string, string> = {}) =>
  decide(policies, { accessKeyId: 'ASIATEST', identityId: me, role }, action, resource, conditions).allowed;

test('uploader: put, abort and list parts under its own uploads/ prefix only', () => {
  for (const action of ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']) {
    assert.equal(allowed('uploader', action, arn(`uploads/${me}/a.mp4`)), true, action);
    assert.equal(allowed('uploader', action, arn(`uploads/${other}/a.mp4`)), false, action);
  }
  assert.equal(allowed('uploader', 's3:PutObject', arn(`uploads/${me}`)), false, 'the prefix itself is not inside it');
  assert.equal(allowed('uploader', 's3:PutObject', arn('media/x/video.json')), false);
  assert.equal(allowed('uploader', 's3:PutObject', arn('catalog/index.json')), false);
  assert.equal(allowed('uploader', 's3:GetObject', arn(`uploads/${me}/a.mp4`)), false);
  assert.equal(allowed('uploader', 's3:DeleteObject', arn(`uploads/${me}/a.mp4`)), false);
  assert.equal(allowed('uploader', 's3:ListBucket', arn(), { 's3:prefix': `uploads/${me}/` }), false);
});

test('uploader without an identity id matches nothing (unresolved policy variable)', () => {
  const d = decide(policies, { accessKeyId: 'ASIATEST', role: 'uploader' }, 's3:PutObject', arn('uploads//a.mp4'), {});
  assert.equal(d.allowed, false);
});

test('admin: reads and lists per its policy; clip records and catalogs are written only through the Web API', () => {
  assert.equal(allowed('admin', 's3:GetObject', arn(`uploads/${other}/a.mp4`)), true);
  for (const key of ['media/abc/video.json', 'catalog/page-1.json', 'index/all.json']) {
    assert.equal(allowed('admin', 's3:GetObject', arn(key)), true, key);
    assert.equal(allowed('admin', 's3:PutObject', arn(key)), false, key);
    assert.equal(allowed('admin', 's3:DeleteObject', arn(key)), false, key);
  }
  assert.equal(allowed('admin', 's3:GetObject', arn('audit/entries/000000000001.json')), false, 'the audit log is the API’s');
  assert.equal(allowed('admin', 's3:DeleteObject', arn(`uploads/${other}/a.mp4`)), true);
  assert.equal(allowed('admin', 's3:PutObject', arn(`uploads/${other}/a.mp4`)), false, 'admins upload under their own id only');
  assert.equal(allowed('admin', 's3:PutObject', arn('elsewhere/x')), false);
  assert.equal(allowed('admin', 's3:ListBucket', arn(), { 's3:prefix': 'media/' }), true);
  // Unconditioned on purpose: S3 answers a GET of a missing key with 404 only when ListBucket is
  // allowed as evaluated without s3:prefix; the catalog's create-if-absent reads depend on that 404.
  assert.equal(allowed('admin', 's3:ListBucket', arn(), {}), true, 'no prefix: a missing key is 404, not 403');
  assert.equal(allowed('admin', 's3:ListBucketMultipartUploads', arn(), {}), true);
  assert.equal(allowed('admin', 's3:DeleteBucket', arn()), false);
});

test('viewer: explicitly denied everything; service: allowed everything', () => {
  const d = decide(policies, { accessKeyId: 'x', identityId: me, role: 'viewer' }, 's3:GetObject', arn('catalog/a.json'), {});
  assert.deepEqual(d, { allowed: false, reason: 'explicit-deny', statement: 'ViewersReadTheCdnOnly' });
  assert.equal(allowed('service', 's3:DeleteBucket', arn()), true);
});

test('explicit Deny beats Allow; NotAction and NotResource invert', () => {
  const p: Policy = {
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', NotAction: ['s3:Get*'], NotResource: 'arn:aws:s3:::b/public/*' },
    ],
  };
  const ev = (action: string, resource: string) => evaluate([p], { action, resource, context: {}, variables: {} }).allowed;
  assert.equal(ev('s3:GetObject', 'arn:aws:s3:::b/private/x'), true);
  assert.equal(ev('s3:PutObject', 'arn:aws:s3:::b/private/x'), false);
  assert.equal(ev('s3:PutObject', 'arn:aws:s3:::b/public/x'), true);
  assert.equal(ev('S3:GETOBJECT', 'arn:aws:s3:::b/x'), true, 'actions are case-insensitive');
});

test('conditions: StringEquals, StringNotLike on a missing key, IfExists, ForAnyValue', () => {
  const mk = (Condition: Record<string, Record<string, string | string[]>>): Policy => ({
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition }],
  });
  const ev = (p: Policy, context: Record<string, string | string[]>) =>
    evaluate([p], { action: 'a:b', resource: 'r', context, variables: { 'x:sub': 'me' } }).allowed;
  assert.equal(ev(mk({ StringEquals: { k: 'v' } }), { k: 'v' }), true);
  assert.equal(ev(mk({ StringEquals: { k: 'v' } }), { K: 'v' }), true, 'condition keys are case-insensitive');
  assert.equal(ev(mk({ StringEquals: { k: 'v' } }), {}), false);
  assert.equal(ev(mk({ StringNotLike: { k: 'v*' } }), {}), true);
  assert.equal(ev(mk({ StringNotLike: { k: 'v*' } }), { k: 'vv' }), false);
  assert.equal(ev(mk({ StringEqualsIfExists: { k: 'v' } }), {}), true);
  assert.equal(ev(mk({ StringLike: { k: 'home/${x:sub}/*' } }), { k: 'home/me/a' }), true, 'policy variables in condition values');
  assert.equal(ev(mk({ 'ForAnyValue:StringEquals': { k: ['a', 'b'] } }), { k: ['c', 'b'] }), true);
  assert.equal(ev(mk({ 'ForAllValues:StringEquals': { k: ['a', 'b'] } }), { k: ['c', 'b'] }), false);
});

test('wildcards and variables', () => {
  assert.equal(wildcardMatch('a*c', 'abbbc'), true);
  assert.equal(wildcardMatch('a?c', 'abc'), true);
  assert.equal(wildcardMatch('a?c', 'abbc'), false);
  assert.equal(wildcardMatch('a.c', 'abc'), false, 'regex characters are literal');
  assert.equal(substitute('x/${a}/y', { a: '1' }, true), 'x/1/y');
  assert.equal(substitute('x/${a}/y', {}, true), undefined);
  assert.equal(substitute('x/${a}', { a: '*' }, true), undefined, 'a wildcard inside a value must not widen the match');
  assert.equal(substitute('lit-${*}', {}, true), 'lit-*');
});

test('an unsupported condition operator is refused when the policy loads', () => {
  assert.throws(
    () =>
      validatePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020' } } }] }),
    /not supported/,
  );
});
