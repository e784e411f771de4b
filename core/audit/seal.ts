/**
 * A seal signs the chain head: "entry `seq` has hash `headHash`" as a compact JWS (ES256, the key's
 * `kid` in its header) stored at `audit/seals/<seq>.json`. Because every entry chains to the one
 * before, one seal vouches for every entry up to `seq`: rewriting the chain (even consistently,
 * rehashing every later entry) then needs the platform key, which the storage's writers do not hold.
 */
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import type { JsonWebKeySet } from '../auth/signing-keys.ts';
import { canonicalJson } from './canonical-json.ts';
import { SEAL_ALG, type SealSigner } from './seal-signer.ts';

export const SEAL_VERSION = 1;

export interface SealClaims {
  schemaVersion: typeof SEAL_VERSION;
  seq: number;
  headHash: string;
  /** ISO 8601: when it was sealed. */
  at: string;
}

export interface Seal extends SealClaims {
  kid: string;
  /** Compact JWS over the canonical JSON of the claims. */
  jws: string;
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

export async function signSeal(signer: SealSigner, claims: Omit<SealClaims, 'schemaVersion'>): Promise<Seal> {
  const full: SealClaims = { schemaVersion: SEAL_VERSION, ...claims };
  const input = `${b64url(JSON.stringify({ alg: SEAL_ALG, kid: signer.kid, typ: 'ine-audit-seal' }))}.${b64url(canonicalJson(full))}`;
  const signature = await signer.sign(new TextEncoder().encode(input));
  return { ...full, kid: signer.kid, jws: `${input}.${b64url(signature)}` };
}

export type SealProblem = 'signature' | 'unknown-key' | 'claims' | 'unreadable';

/** Checks a seal's signature against the published keys and that what it signs is what it says. */
export async function checkSeal(seal: Seal, jwks: JsonWebKeySet): Promise<{ ok: true } | { ok: false; problem: SealProblem; detail: string }> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(seal.jws).kid;
  } catch {
    return { ok: false, problem: 'unreadable', detail: 'its JWS is not readable' };
  }
  if (!kid || !jwks.keys.some((k) => k.kid === kid))
    return { ok: false, problem: 'unknown-key', detail: `signed by an unknown key (${kid ?? 'no kid'})` };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(seal.jws, createLocalJWKSet(jwks), { algorithms: [SEAL_ALG] }));
  } catch {
    return { ok: false, problem: 'signature', detail: 'its signature does not verify (forged or altered)' };
  }
  const claims: SealClaims = { schemaVersion: seal.schemaVersion, seq: seal.seq, headHash: seal.headHash, at: seal.at };
  if (new TextDecoder().decode(payload) !== canonicalJson(claims) || kid !== seal.kid)
    return { ok: false, problem: 'claims', detail: 'what it says differs from what it signed' };
  return { ok: true };
}
