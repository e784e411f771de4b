/**
 * The provenance key on AWS (infra/lib/provenance-key.ts, docs/integrity-provenance.md): an
 * asymmetric P-256 signing key; only the function that finishes MediaConvert jobs may sign with it
 * (ECDSA_SHA_256 over a digest), read its public key and write the JWKS object; the upload function
 * may not. (cdk-nag over the whole stack: nag.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVENANCE_KEY_ENV } from '../../../infra/lib/provenance-key.ts';
import { buildStack } from './helpers.ts';

const { template, stack } = buildStack();

const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const keyId = logicalId(stack.packaging.provenanceKey.key);
const statementsOf = (fn: { role?: { node: { id: string } } }) =>
  Object.values(resources)
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.Roles).includes(stack.getLogicalId((fn.role as never as { node: { defaultChild: never } }).node.defaultChild)),
    )
    .flatMap(
      (r) => r.Properties.PolicyDocument.Statement as Array<{ Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown }>,
    );

describe('provenance key', () => {
  it('is an asymmetric P-256 signing key, kept when the stack is deleted', () => {
    const key = resources[keyId]!;
    assert.equal(key.Properties.KeySpec, 'ECC_NIST_P256');
    assert.equal(key.Properties.KeyUsage, 'SIGN_VERIFY');
    assert.equal((key as unknown as { DeletionPolicy: string }).DeletionPolicy, 'Retain');
  });

  it('only the job-finished function signs (ECDSA_SHA_256, digests), reads the public key and writes the JWKS', () => {
    const finished = statementsOf(stack.packaging.onJobFinished);
    const sign = finished.find((s) => s.Sid === 'SignProvenance')!;
    assert.deepEqual(sign.Action, 'kms:Sign');
    assert.deepEqual(sign.Resource, { 'Fn::GetAtt': [keyId, 'Arn'] });
    assert.deepEqual(sign.Condition, { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } });
    assert.deepEqual(finished.find((s) => s.Sid === 'ReadProvenancePublicKey')!.Action, 'kms:GetPublicKey');
    assert.match(JSON.stringify(finished.find((s) => s.Sid === 'PublishProvenanceKeys')!.Resource), /\/keys\/provenance-jwks\.json/);
    const upload = statementsOf(stack.packaging.onUpload);
    assert.ok(upload.length > 0);
    // It may sign audit seals with the audit key (infra/lib/audit-seal-key.ts), never with this one.
    const uploadSigns = upload.filter((st) => JSON.stringify(st.Action).includes('kms:Sign'));
    assert.ok(!uploadSigns.some((st) => JSON.stringify(st.Resource).includes(keyId)), 'the upload function cannot sign provenance');
    const env = resources[logicalId(stack.packaging.onJobFinished)]!.Properties.Environment.Variables;
    assert.deepEqual(env[PROVENANCE_KEY_ENV], { 'Fn::GetAtt': [keyId, 'Arn'] });
  });
});
