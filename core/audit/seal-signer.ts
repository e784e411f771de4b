/**
 * What signs audit seals: the platform's seal key. ES256 (ECDSA P-256, SHA-256) in both places: a local
 * key document in the stand-in (the same shape as the token signing keys), an asymmetric KMS key
 * (ECC_NIST_P256, SIGN_VERIFY) on AWS, whose private half never leaves KMS. Either publishes its
 * public key as a JWKS, so anyone can check a seal without trusting this code.
 */
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { exportJWK, importSPKI } from 'jose';
import { loadSigningKeys, type JsonWebKeySet, type SigningKeyDocument } from '../auth/signing-keys.ts';

export const SEAL_ALG = 'ES256';

export interface SealSigner {
  kid: string;
  /** The JWS signature (raw r‖s, 64 bytes) of these bytes. */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  /** The public keys seals may be verified with (current and retired). */
  jwks(): Promise<JsonWebKeySet>;
}

/** The stand-in's seal key, from its key document (created on first start in the data folder). */
export async function localSealSigner(doc: SigningKeyDocument): Promise<SealSigner> {
  const keys = await loadSigningKeys(doc);
  return {
    kid: keys.kid,
    async sign(signingInput) {
      // Web Crypto's ECDSA signature is already the raw r‖s form JWS uses.
      return new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array(signingInput)));
    },
    jwks: async () => keys.jwks,
  };
}

/** KMS answers ECDSA signatures in DER (SEQUENCE of two INTEGERs); JWS wants r‖s, 32 bytes each. */
export function derToRawSignature(der: Uint8Array): Uint8Array {
  let i = 0;
  const expect = (tag: number) => {
    if (der[i++] !== tag) throw new Error('Not a DER ECDSA signature');
    let len = der[i++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = (len << 8) | der[i++]!;
    }
    return len;
  };
  expect(0x30);
  const out = new Uint8Array(64);
  for (const offset of [0, 32]) {
    const len = expect(0x02);
    let int = der.subarray(i, i + len);
    i += len;
    while (int.length > 32 && int[0] === 0) int = int.subarray(1);
    if (int.length > 32) throw new Error('ECDSA integer longer than 32 bytes');
    out.set(int, offset + 32 - int.length);
  }
  return out;
}

/** The seal key on AWS: `keyId` an asymmetric KMS key (ECC_NIST_P256) the caller may Sign with. */
export function kmsSealSigner(kms: KMSClient, keyId: string): SealSigner {
  const kid = keyId.slice(keyId.lastIndexOf('/') + 1);
  let jwks: Promise<JsonWebKeySet> | undefined;
  return {
    kid,
    async sign(signingInput) {
      const out = await kms.send(new SignCommand({ KeyId: keyId, Message: signingInput, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
      return derToRawSignature(out.Signature!);
    },
    jwks() {
      jwks ??= (async () => {
        const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
        const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(PublicKey!).toString('base64')}\n-----END PUBLIC KEY-----`;
        const jwk = await exportJWK(await importSPKI(pem, SEAL_ALG, { extractable: true }));
        return { keys: [{ ...jwk, kid, alg: SEAL_ALG, use: 'sig' }] };
      })();
      return jwks;
    },
  };
}
