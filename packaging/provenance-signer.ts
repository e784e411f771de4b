/**
 * Signing a provenance manifest (docs/integrity-provenance.md): a compact JWS signing input
 * (`<protected>.<payload>`) signed ES256 by a `ProvenanceSigner`, written in the flattened JSON
 * serialization. The signer is the only thing that differs between runtimes: a local key file in
 * the stand-in (`localProvenanceSigner`, the same key document as the Web API's token keys, in a
 * file of its own), an asymmetric KMS key on AWS (infra/packaging/kms-signer.ts).
 */
import { importJWK, type JWK } from 'jose';
import { loadSigningKeys, type JsonWebKeySet, type SigningKeyDocument } from '../core/auth/signing-keys.ts';
import { PROVENANCE_ALG, PROVENANCE_TYP, type FlattenedJws, type ProvenancePayload } from '../src/contract/provenance.js';

export interface ProvenanceSigner {
  /** The JWS `kid`: the key the JWKS publishes under this id. */
  kid: string;
  /** ES256: the raw 64-byte `r || s` signature of the signing input (SHA-256, P-256). */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  /** The public keys to publish (this one, and any still verifying older manifests). */
  jwks(): Promise<JsonWebKeySet>;
}

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');

export async function signProvenance(payload: ProvenancePayload, signer: ProvenanceSigner): Promise<FlattenedJws> {
  const header = b64url(JSON.stringify({ alg: PROVENANCE_ALG, kid: signer.kid, typ: PROVENANCE_TYP }));
  const body = b64url(JSON.stringify(payload));
  const signature = await signer.sign(new TextEncoder().encode(`${header}.${body}`));
  if (signature.length !== 64) throw new Error(`An ES256 signature is 64 bytes, the signer gave ${signature.length}`);
  return { protected: header, payload: body, signature: b64url(signature) };
}

/** Provenance key ids carry their own prefix, so they are never mistaken for the Web API's token keys. */
export const PROVENANCE_KID_PREFIX = 'provenance-';

/** The stand-in's signer: the current key of a key document (core/auth/key-file.ts), under `provenance-<kid>`. */
export async function localProvenanceSigner(doc: SigningKeyDocument): Promise<ProvenanceSigner> {
  const keys = await loadSigningKeys(doc);
  const [current] = doc.keys;
  const privateKey = (await importJWK({ ...current!.privateJwk, alg: PROVENANCE_ALG }, PROVENANCE_ALG)) as CryptoKey;
  const rename = (jwk: JWK): JWK => ({ ...jwk, kid: PROVENANCE_KID_PREFIX + jwk.kid });
  const jwks = { keys: keys.jwks.keys.map(rename) };
  return {
    kid: PROVENANCE_KID_PREFIX + keys.kid,
    async sign(input) {
      const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, input as Uint8Array<ArrayBuffer>);
      return new Uint8Array(sig);
    },
    jwks: async () => jwks,
  };
}

/**
 * An ECDSA signature in DER (what KMS and OpenSSL return) as JOSE's raw `r || s`, each 32 bytes.
 * Node does the conversion itself when verifying with `dsaEncoding`; this goes the other way.
 */
export function derToJoseSignature(der: Uint8Array): Uint8Array {
  let i = 0;
  const expect = (tag: number) => {
    if (der[i++] !== tag) throw new Error('Not a DER ECDSA signature');
  };
  const length = () => {
    let n = der[i++]!;
    if (n & 0x80) {
      const bytes = n & 0x7f;
      n = 0;
      for (let k = 0; k < bytes; k++) n = (n << 8) | der[i++]!;
    }
    return n;
  };
  expect(0x30);
  length();
  const out = new Uint8Array(64);
  for (const offset of [0, 32]) {
    expect(0x02);
    let n = length();
    let start = i;
    i += n;
    // A leading zero byte keeps a high-bit integer positive in DER; JOSE has no sign.
    while (n > 32 && der[start] === 0) {
      start++;
      n--;
    }
    if (n > 32) throw new Error('DER integer too long for P-256');
    out.set(der.subarray(start, start + n), offset + 32 - n);
  }
  return out;
}
