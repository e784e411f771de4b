/**
 * CloudFront signed URLs and cookies with a custom policy, in CloudFront's own format, so what the
 * Web API signs works on AWS and the stand-in's CDN checks exactly what CloudFront checks:
 * - the policy: `{"Statement":[{"Resource":"<url with * wildcards>","Condition":{"DateLessThan":{"AWS:EpochTime":<s>}}}]}`
 *   (optionally `DateGreaterThan`), as compact JSON;
 * - the signature: RSA-SHA1 over the policy's exact bytes, with the private key of a key pair whose
 *   public key is in a key group the behaviour trusts;
 * - both in CloudFront's URL-safe base64 (`+`→`-`, `=`→`_`, `/`→`~`), with the key's id:
 *   query `Policy=…&Signature=…&Key-Pair-Id=…`, or cookies `CloudFront-Policy`, `CloudFront-Signature`,
 *   `CloudFront-Key-Pair-Id`.
 * One policy whose resource ends in `*` covers every file of a folder, so a player can add the
 * same parameters to each playlist, segment and image of one clip.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export interface SignedParams {
  Policy: string;
  Signature: string;
  'Key-Pair-Id': string;
}

export const SIGNED_PARAM_NAMES = ['Policy', 'Signature', 'Key-Pair-Id'] as const;

/** The cookie names CloudFront reads instead of the query parameters. */
export const SIGNED_COOKIE_NAMES: Readonly<Record<keyof SignedParams, string>> = {
  Policy: 'CloudFront-Policy',
  Signature: 'CloudFront-Signature',
  'Key-Pair-Id': 'CloudFront-Key-Pair-Id',
};

/** Longest signed value a request may carry before it is refused unread (a policy is ~200 bytes). */
const MAX_PARAM_LENGTH = 4096;

export const toCloudFrontBase64 = (b: Buffer): string => b.toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
export const fromCloudFrontBase64 = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

/** The policy text for `resource` until `expiresAt` (ms), and from `notBefore` (ms) when given. */
export function customPolicy(resource: string, expiresAt: number, notBefore?: number): string {
  const condition: Record<string, unknown> = { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt / 1000) } };
  if (notBefore !== undefined) condition.DateGreaterThan = { 'AWS:EpochTime': Math.floor(notBefore / 1000) };
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: condition }] });
}

/** Sign a custom policy: the three parameters CloudFront reads. */
export function signPolicy(policy: string, privateKey: KeyObject | string, keyPairId: string): SignedParams {
  const signature = createSign('RSA-SHA1').update(policy, 'utf8').sign(privateKey);
  return { Policy: toCloudFrontBase64(Buffer.from(policy, 'utf8')), Signature: toCloudFrontBase64(signature), 'Key-Pair-Id': keyPairId };
}

/** `Policy=…&Signature=…&Key-Pair-Id=…` (the values are already URL-safe). */
export const signedQuery = (p: SignedParams): string => SIGNED_PARAM_NAMES.map((n) => `${n}=${p[n]}`).join('&');

/** CloudFront's resource pattern: `*` any run of characters, `?` exactly one; everything else literal. */
export function resourceMatches(pattern: string, url: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(url);
}

export type SignatureRefusal =
  'missing' | 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'other-resource' | 'unsupported-condition';

export type SignatureCheck = { ok: true; expiresAt: number } | { ok: false; reason: SignatureRefusal };

interface PolicyStatement {
  Resource?: unknown;
  Condition?: { DateLessThan?: { 'AWS:EpochTime'?: unknown }; DateGreaterThan?: { 'AWS:EpochTime'?: unknown }; [k: string]: unknown };
}

/**
 * Check signed parameters (from the query or the cookies) for `url` (scheme, host, path and any
 * other query parameters, as the viewer asked) at `now` (ms), against the public keys trusted by
 * id. Refuses what CloudFront refuses; a condition it cannot check here (`IpAddress`) is refused
 * too, so nothing passes the stand-in that AWS would stop.
 */
export function verifySigned(
  params: Partial<Record<keyof SignedParams, string>>,
  url: string,
  publicKeys: ReadonlyMap<string, KeyObject>,
  now: number,
): SignatureCheck {
  const { Policy: policyParam, Signature: signature, 'Key-Pair-Id': keyId } = params;
  if (!policyParam && !signature && !keyId) return { ok: false, reason: 'missing' };
  if (!policyParam || !signature || !keyId) return { ok: false, reason: 'malformed' };
  if ([policyParam, signature, keyId].some((v) => v.length > MAX_PARAM_LENGTH || !/^[A-Za-z0-9_~-]+$/.test(v)))
    return { ok: false, reason: 'malformed' };
  const key = publicKeys.get(keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const policyBytes = fromCloudFrontBase64(policyParam);
  let valid: boolean;
  try {
    valid = createVerify('RSA-SHA1').update(policyBytes).verify(key, fromCloudFrontBase64(signature));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad-signature' };
  let statement: PolicyStatement | undefined;
  try {
    const parsed = JSON.parse(policyBytes.toString('utf8')) as { Statement?: unknown };
    if (Array.isArray(parsed.Statement) && parsed.Statement.length === 1) statement = parsed.Statement[0] as PolicyStatement;
  } catch {
    statement = undefined;
  }
  const cond = statement?.Condition;
  const until = cond?.DateLessThan?.['AWS:EpochTime'];
  if (!statement || !cond || typeof until !== 'number' || typeof statement.Resource !== 'string') return { ok: false, reason: 'malformed' };
  if (Object.keys(cond).some((k) => k !== 'DateLessThan' && k !== 'DateGreaterThan')) return { ok: false, reason: 'unsupported-condition' };
  if (now >= until * 1000) return { ok: false, reason: 'expired' };
  const from = cond.DateGreaterThan?.['AWS:EpochTime'];
  if (from !== undefined && (typeof from !== 'number' || now <= from * 1000)) return { ok: false, reason: 'not-yet-valid' };
  if (!resourceMatches(statement.Resource, url)) return { ok: false, reason: 'other-resource' };
  return { ok: true, expiresAt: until * 1000 };
}

/** The signed parameters a URL carries, and the URL without them (what the policy's resource is matched against). */
export function splitSignedUrl(url: URL): { params: Partial<Record<keyof SignedParams, string>>; unsigned: string } {
  const params: Partial<Record<keyof SignedParams, string>> = {};
  const rest = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if ((SIGNED_PARAM_NAMES as readonly string[]).includes(k)) params[k as keyof SignedParams] = v;
    else rest.append(k, v);
  }
  const q = rest.toString();
  return { params, unsigned: `${url.origin}${url.pathname}${q ? `?${q}` : ''}` };
}
