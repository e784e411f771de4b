/**
 * The platform's provenance signing key on AWS (docs/integrity-provenance.md): an asymmetric KMS
 * key (ECC_NIST_P256, SIGN_VERIFY) whose private half never leaves KMS. The function that finishes
 * packaging may sign with it (ECDSA_SHA_256 only) and read its public key, to publish it as the
 * JWKS at `keys/provenance-jwks.json` (served by the CDN); nothing else may use it.
 *
 * Environment the function gets (the contract with infra/packaging/kms-signer.ts):
 *   PROVENANCE_KMS_KEY_ID   the key's ARN
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PROVENANCE_JWKS_PATH } from '../../src/contract/provenance.ts';
import type { IneSettings } from './settings.ts';

export const PROVENANCE_KEY_ENV = 'PROVENANCE_KMS_KEY_ID';

export class ProvenanceKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: { settings: IneSettings }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `${props.settings.namePrefix}: signs the clips' provenance manifests (ES256)`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      // Manifests signed with it must stay verifiable: a stack deletion keeps the key.
      removalPolicy: RemovalPolicy.RETAIN,
      alias: `alias/${props.settings.namePrefix}-provenance`,
    });
  }

  /** Lets `fn` sign manifests with the key and publish its public key (and nothing more). */
  grantSigning(fn: lambda.Function, bucket: s3.IBucket): void {
    fn.addEnvironment(PROVENANCE_KEY_ENV, this.key.keyArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SignProvenance',
        actions: ['kms:Sign'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadProvenancePublicKey', actions: ['kms:GetPublicKey'], resources: [this.key.keyArn] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PublishProvenanceKeys',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [bucket.arnForObjects(PROVENANCE_JWKS_PATH)],
      }),
    );
  }
}
