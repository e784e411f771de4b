// Cross-check: the stand-in's policy evaluator agrees with @cloud-copilot/iam-simulate (a maintained
// IAM simulator) on every role × action × resource × s3:prefix combination the project touches.
// iam-simulate drops `cognito-identity.amazonaws.com:sub` as an unknown context key, so the oracle gets
// the policies with that variable already bound (which is also why the stand-in does not use it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { renderPolicy, type RoleName } from '../../../infra/policies/render.ts';
import { decide, rolePolicies } from '../../../server/policy/index.ts';

const bucket = 'ine-media';
const me = 'us-east-1:11111111-2222-3333-4444-555555555555';
const other = 'us-east-1:99999999-2222-3333-4444-555555555555';
const objectActions = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
const keys = [
  `uploads/${me}/a.mp4`,
  `uploads/${me}/a.json`,
  `uploads/${other}/a.mp4`,
  'media/abc/video.json',
  'media/abc/720p/seg_001.m4s',
  'catalog/page-1.json',
  'index/drafts.json',
  'elsewhere/x',
  `uploads/${me}`,
];
const prefixes = [undefined, 'uploads/', `uploads/${me}/`, 'media/', 'catalog/', 'index/', 'secret/', ''];

async function oracle(role: RoleName, action: string, resource: string, context: Record<string, string>): Promise<boolean> {
  const policy = JSON.parse(JSON.stringify(renderPolicy(role, bucket)).replaceAll('${cognito-identity.amazonaws.com:sub}', me));
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::123456789012:assumed-role/ine-${role}/session`,
        action,
        resource: { resource, accountId: '123456789012' },
        contextVariables: context,
      },
      identityPolicies: [{ name: role, policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    } as never,
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult === 'Allowed';
}

test('the evaluator and iam-simulate decide alike for every role policy', async () => {
  const policies = rolePolicies(bucket);
  let compared = 0;
  for (const role of ['viewer', 'uploader', 'admin'] as const) {
    const principal = { accessKeyId: 'ASIATEST', identityId: me, role };
    for (const action of objectActions) {
      for (const key of keys) {
        const resource = `arn:aws:s3:::${bucket}/${key}`;
        assert.equal(decide(policies, principal, action, resource, {}).allowed, await oracle(role, action, resource, {}), `${role} ${action} ${key}`);
        compared++;
      }
    }
    for (const action of ['s3:ListBucket', 's3:ListBucketMultipartUploads']) {
      for (const prefix of prefixes) {
        // s3:prefix exists for ListBucket only; on ListBucketMultipartUploads AWS (and the S3 engine)
        // supply no such key, so admin.json's prefix condition can never hold for that action.
        const context: Record<string, string> = prefix === undefined || action !== 's3:ListBucket' ? {} : { 's3:prefix': prefix };
        const resource = `arn:aws:s3:::${bucket}`;
        assert.equal(
          decide(policies, principal, action, resource, context).allowed,
          await oracle(role, action, resource, context),
          `${role} ${action} prefix=${prefix}`,
        );
        compared++;
      }
    }
  }
  assert.ok(compared > 150);
});
