/**
 * The provenance signer on AWS (docs/integrity-provenance.md): an asymmetric KMS key
 * (ECC_NIST_P256) signs the SHA-256 digest of the JWS signing input (`MessageType: DIGEST`, so a
 * manifest of any size fits KMS' 4 KB message limit); KMS' DER signature becomes JOSE's `r || s`.
 * The key id in manifests and in the JWKS is `provenance-kms-<key id>`.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import { PROVENANCE_ALG } from '../../src/contract/provenance.ts';
import { PROVENANCE_KID_PREFIX, derToJoseSignature, type ProvenanceSigner } from '../../packaging/provenance-signer.ts';

/** The slice of KMSClient used (a test double stands in for it). */
export type KmsLike = Pick<KMSClient, 'send'>;

export function kmsProvenanceSigner(kms: KmsLike, keyArn: string): ProvenanceSigner {
  const kid = `${PROVENANCE_KID_PREFIX}kms-${keyArn.split('/').pop()}`;
  let publicJwk: Promise<JWK> | undefined;
  return {
    kid,
    async sign(input) {
      const out = await kms.send(
        new SignCommand({
          KeyId: keyArn,
          Message: createHash('sha256').update(input).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!out.Signature) throw new Error('KMS returned no signature');
      return derToJoseSignature(out.Signature);
    },
    async jwks() {
      publicJwk ??= kms.send(new GetPublicKeyCommand({ KeyId: keyArn })).then((out) => {
        if (!out.PublicKey) throw new Error('KMS returned no public key');
        const { kty, crv, x, y } = createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }).export({ format: 'jwk' });
        return { kty, crv, x, y, kid, alg: PROVENANCE_ALG, use: 'sig' } as JWK;
      });
      return { keys: [await publicJwk] };
    },
  };
}
