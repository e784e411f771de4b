/**
 * The deployment's token signing keys (ES256): the current one signs, the previous one (during a
 * rotation) still verifies until tokens it signed have expired. The JWKS publishes both, by `kid`.
 *
 * Kept as a small JSON document (a key file in the stand-in's data folder, created on first start;
 * a secret on AWS). Private keys never leave this module except through that document.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const TOKEN_ALG = 'ES256';

/** The stored form: newest first, at most two (current + previous). */
export interface SigningKeyDocument {
  keys: Array<{ kid: string; createdAt: string; privateJwk: JWK }>;
}

export interface JsonWebKeySet {
  keys: JWK[];
}

export interface SigningKeys {
  kid: string;
  /** Signs new tokens. */
  privateKey: CryptoKey;
  /** Public keys of the current and previous key. */
  jwks: JsonWebKeySet;
}

export async function newSigningKey(now = new Date()): Promise<SigningKeyDocument['keys'][number]> {
  const { privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
  return {
    kid: `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
    createdAt: now.toISOString(),
    privateJwk: await exportJWK(privateKey),
  };
}

/** A document with one fresh key. */
export async function createSigningKeyDocument(): Promise<SigningKeyDocument> {
  return { keys: [await newSigningKey()] };
}

/** A new current key; the old current stays as the previous one (older keys are dropped). */
export async function rotateSigningKeyDocument(doc: SigningKeyDocument): Promise<SigningKeyDocument> {
  return { keys: [await newSigningKey(), ...doc.keys.slice(0, 1)] };
}

function publicJwk(kid: string, jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y, kid, alg: TOKEN_ALG, use: 'sig' };
}

export async function loadSigningKeys(doc: SigningKeyDocument): Promise<SigningKeys> {
  const [current] = doc.keys;
  if (!current) throw new Error('The signing key document holds no key');
  const privateKey = (await importJWK({ ...current.privateJwk, alg: TOKEN_ALG }, TOKEN_ALG)) as CryptoKey;
  return { kid: current.kid, privateKey, jwks: { keys: doc.keys.map((k) => publicJwk(k.kid, k.privateJwk)) } };
}
