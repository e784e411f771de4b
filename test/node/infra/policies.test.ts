/**
 * The role policies in the synthesized template are byte for byte the ones the local stand-in
 * enforces: `renderPolicy(role, bucket)` from infra/policies/render.ts, with the template's bucket
 * reference resolved to the same bucket name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPolicy } from '../../../infra/policies/render.ts';
import { buildStack, TEST_BUCKET } from './helpers.ts';
import { resolveIntrinsics } from './template-resolve.ts';

describe('role policies in the template', () => {
  const { stack, template } = buildStack();
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const bucketId = stack.getLogicalId(stack.storage.bucket.node.defaultChild as any);
  const refs = { [bucketId]: TEST_BUCKET, [`${bucketId}.Arn`]: `arn:aws:s3:::${TEST_BUCKET}` };

  for (const role of ['uploader', 'admin'] as const) {
    it(`${role}: the template's policy is byte for byte renderPolicy('${role}', bucket)`, () => {
      const roleId = stack.getLogicalId(stack.identity.roles[role].node.defaultChild as any);
      const policies = resources[roleId]!.Properties.Policies as Array<{ PolicyName: string; PolicyDocument: unknown }>;
      assert.equal(policies.length, 1, 'exactly one policy on the role');
      assert.equal(policies[0]!.PolicyName, `ine-${role}`);
      const synthesized = JSON.stringify(resolveIntrinsics(policies[0]!.PolicyDocument, refs));
      const enforcedByStandIn = JSON.stringify(renderPolicy(role, TEST_BUCKET));
      assert.equal(synthesized, enforcedByStandIn);
      // And the template really references the deployed bucket, not a literal name.
      assert.ok(JSON.stringify(policies[0]!.PolicyDocument).includes(`{"Ref":"${bucketId}"}`));
      // No managed policies sneak extra permissions onto the role.
      assert.equal(resources[roleId]!.Properties.ManagedPolicyArns, undefined);
      const attached = Object.values(resources).filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles ?? []).includes(`"${roleId}"`),
      );
      assert.deepEqual(attached, []);
    });
  }

  it('the IAM policy variable is left for IAM to evaluate', () => {
    const roleId = stack.getLogicalId(stack.identity.roles.uploader.node.defaultChild as any);
    assert.ok(JSON.stringify(resources[roleId]!.Properties.Policies).includes('/uploads/${cognito-identity.amazonaws.com:sub}/*'));
  });

  it('with a generated bucket name the policy still resolves to the same bytes', () => {
    // No fixed name: the ARN is a Ref token inside the rendered strings.
    const b = buildStack();
    const tpl = b.template.toJSON().Resources as Record<string, { Properties: any }>;
    const id = b.stack.getLogicalId(b.stack.storage.bucket.node.defaultChild as any);
    const roleId = b.stack.getLogicalId(b.stack.identity.roles.admin.node.defaultChild as any);
    const doc = resolveIntrinsics(tpl[roleId]!.Properties.Policies[0].PolicyDocument, { [id]: 'some-generated-name' });
    assert.equal(JSON.stringify(doc), JSON.stringify(renderPolicy('admin', 'some-generated-name')));
  });
});

it('roles are defined once: every listed role has a policy document, and an unknown role is an error', async () => {
  const { ROLE_NAMES, SIGNED_IN_ROLES, parseRole } = await import('../../../infra/policies/roles.ts');
  const { readdirSync } = await import('node:fs');
  const documents = readdirSync(new URL('../../../infra/policies/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  assert.deepEqual(documents, [...ROLE_NAMES].sort(), 'one policy document per role, no more');
  for (const role of SIGNED_IN_ROLES) assert.ok((ROLE_NAMES as readonly string[]).includes(role));
  assert.throws(() => parseRole('superuser', 'test'), /unknown role "superuser"/);
  assert.throws(() => parseRole('__proto__', 'test'), /unknown role/);
  const { decide, rolePolicies } = await import('../../../server/policy/index.ts');
  assert.throws(
    () =>
      decide(
        rolePolicies('ine-media'),
        { role: 'editor' as never, identityId: 'x', accessKeyId: 'ASIAEDITOR' },
        's3:GetObject',
        'arn:aws:s3:::ine-media/x',
        {},
      ),
    /unknown role "editor"/,
  );
});
