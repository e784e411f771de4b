/**
 * Signature Version 4 verification. The request's own claims (credential scope, signed header list,
 * date, payload hash) are parsed from the Authorization header or the presigned query, the access key
 * is looked up, and the signature is computed again with @smithy/signature-v4's canonicalization (the
 * same code the AWS SDK signs with), then compared in constant time.
 *
 * Every `x-amz-*` header the request carries must be among the signed ones (as S3 requires), so
 * nothing that changes an operation (`x-amz-copy-source`, `x-amz-meta-*`, …) can be added to a captured
 * request. The body is never read here: S3 requests carry their payload hash in `x-amz-content-sha256`
 * (`UNSIGNED-PAYLOAD`, a `STREAMING-*` marker, or a hex digest that the S3 engine checks against the
 * bytes; signed streaming bodies get their chunk signature chain); JSON APIs (Cognito) pass their
 * already-read body, whose hash is always computed here, never taken from the request.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { NodeSha256 } from '../../core/crypto/node-sha256.ts';
import { SignatureV4Base, getCanonicalHeaders, getSigningKey } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { chunkSignatureChain, type ChunkSignatures } from './chunk-signatures.ts';
import type { AccessKey, KeyStore } from './keys.ts';

/** A refusal, in S3's vocabulary (the Cognito front end maps it to its own). */
export class SigV4Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra fields of S3's XML error (e.g. HeadersNotSigned). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

const MAX_SKEW_MS = 15 * 60_000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The payload hashes S3 accepts besides a hex SHA-256 (the ECDSA forms belong to SigV4a, not accepted here). */
const S3_PAYLOAD_MARKERS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);
const SIGNED_STREAMING = /^STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

export { NodeSha256 };

/** Exposes smithy's canonical request and string-to-sign for verification. */
class Canonicalizer extends SignatureV4Base {
  constructor(service: string, uriEscapePath: boolean) {
    super({ service, region: 'unused', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NodeSha256, uriEscapePath });
  }
  async signature(p: {
    request: HttpRequest;
    canonicalHeaders: Record<string, string>;
    payloadHash: string;
    longDate: string;
    shortDate: string;
    region: string;
    service: string;
    key: AccessKey;
  }): Promise<{ signature: string; signingKey: Uint8Array; scope: string }> {
    const canonicalRequest = this.createCanonicalRequest(p.request, p.canonicalHeaders, p.payloadHash);
    const scope = `${p.shortDate}/${p.region}/${p.service}/aws4_request`;
    const stringToSign = await this.createStringToSign(p.longDate, scope, canonicalRequest, ALGORITHM);
    const signingKey = await getSigningKey(
      NodeSha256,
      { accessKeyId: p.key.accessKeyId, secretAccessKey: p.key.secretAccessKey },
      p.shortDate,
      p.region,
      p.service,
    );
    return { signature: createHmac('sha256', signingKey).update(stringToSign).digest('hex'), signingKey, scope };
  }
}

export interface VerifyRequest {
  method: string;
  /** The request target as received: raw (percent-encoded) path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The signing service expected in the credential scope (`s3`, `cognito-identity`). */
  service: string;
  region: string;
  /** The whole body, for services whose payload hash is computed by the verifier (JSON APIs). */
  body?: Uint8Array;
  now?: number;
}

export interface Verified {
  key: AccessKey;
  /** The payload hash the client signed (S3: `x-amz-content-sha256`). */
  payloadHash: string;
  presigned: boolean;
  /** For `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` bodies: the chain their chunks must follow. */
  chunkSignatures?: ChunkSignatures;
}

/** Split a query string into decoded name → value(s), keeping `+` literal as AWS signers do. */
export function parseQuery(search: string): Record<string, string | string[]> {
  // No prototype: a parameter named `__proto__` or `constructor` is just a name.
  const out = Object.create(null) as Record<string, string | string[]>;
  if (!search) return out;
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new SigV4Error('InvalidArgument', 'Malformed percent-encoding in the query string', 400);
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  // Signed header names come from the request: only the request's own headers count.
  if (!Object.hasOwn(headers, name)) return undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function parseAmzDate(longDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** True when the request carries SigV4 credentials (header or presigned query). */
export function isSigned(url: string, headers: IncomingHttpHeaders): boolean {
  return header(headers, 'authorization') !== undefined || /[?&]X-Amz-Signature=/i.test(url) || /[?&]X-Amz-Credential=/i.test(url);
}

interface Claims {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  longDate: string;
  payloadHash: string;
  sessionToken?: string;
  presigned: boolean;
  expiresSeconds?: number;
}

function parseCredential(credential: string): Pick<Claims, 'accessKeyId' | 'shortDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw new SigV4Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
      400,
    );
  }
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  return { accessKeyId, shortDate, region, service };
}

function headerClaims(authorization: string, headers: IncomingHttpHeaders): Claims {
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    throw new SigV4Error('InvalidArgument', 'Unsupported Authorization Type (only AWS4-HMAC-SHA256 is accepted)', 400);
  }
  const fields = new Map<string, string>();
  for (const piece of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const t = piece.trim();
    const eq = t.indexOf('=');
    if (eq > 0) fields.set(t.slice(0, eq), t.slice(eq + 1));
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw new SigV4Error(
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed: Credential, SignedHeaders and Signature are required',
      400,
    );
  }
  const scope = parseCredential(credential);
  const longDate = header(headers, 'x-amz-date');
  if (!longDate) throw new SigV4Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header', 403);
  return {
    ...scope,
    signedHeaders: signedHeaders.split(';'),
    signature,
    longDate,
    payloadHash: header(headers, 'x-amz-content-sha256') ?? '',
    sessionToken: header(headers, 'x-amz-security-token'),
    presigned: false,
  };
}

function queryClaims(query: Record<string, string | string[]>, headers: IncomingHttpHeaders): Claims {
  const q = (name: string): string | undefined => {
    const v = query[name];
    return Array.isArray(v) ? v[0] : v;
  };
  if (q('X-Amz-Algorithm') !== ALGORITHM) {
    throw new SigV4Error('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', 400);
  }
  const credential = q('X-Amz-Credential');
  const longDate = q('X-Amz-Date');
  const expires = q('X-Amz-Expires');
  const signedHeaders = q('X-Amz-SignedHeaders');
  const signature = q('X-Amz-Signature');
  if (!credential || !longDate || !expires || !signedHeaders || !signature) {
    throw new SigV4Error(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      400,
    );
  }
  const expiresSeconds = Number(expires);
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > MAX_PRESIGNED_SECONDS) {
    throw new SigV4Error('AuthorizationQueryParametersError', 'X-Amz-Expires must be between 1 and 604800 seconds', 400);
  }
  return {
    ...parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    longDate,
    // Presigned URLs sign UNSIGNED-PAYLOAD unless the signer put a hash in the query or a header.
    payloadHash: q('X-Amz-Content-Sha256') ?? header(headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD',
    sessionToken: q('X-Amz-Security-Token'),
    presigned: true,
    expiresSeconds,
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const canonicalizers = new Map<string, Canonicalizer>();

/** Verify a SigV4-signed request; returns the key it was signed with, or throws SigV4Error. */
export async function verifySigV4(req: VerifyRequest, keys: KeyStore): Promise<Verified> {
  const now = req.now ?? Date.now();
  const qi = req.url.indexOf('?');
  const path = qi < 0 ? req.url : req.url.slice(0, qi);
  const query = parseQuery(qi < 0 ? '' : req.url.slice(qi + 1));
  const authorization = header(req.headers, 'authorization');
  const claims = authorization !== undefined ? headerClaims(authorization, req.headers) : queryClaims(query, req.headers);

  if (claims.region !== req.region) {
    throw new SigV4Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${claims.region}' is wrong; expecting '${req.region}'`,
      400,
    );
  }
  if (claims.service !== req.service) {
    throw new SigV4Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service "${claims.service}". This endpoint belongs to "${req.service}".`,
      400,
    );
  }

  const key = keys.get(claims.accessKeyId);
  if (!key) throw new SigV4Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
  if (key.sessionToken !== undefined) {
    // Real S3 answers a temporary key without its token as an unknown key.
    if (claims.sessionToken === undefined)
      throw new SigV4Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    if (!sameText(claims.sessionToken, key.sessionToken))
      throw new SigV4Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    if (key.expiresAt !== undefined && key.expiresAt <= now) throw new SigV4Error('ExpiredToken', 'The provided token has expired.', 400);
  } else if (claims.sessionToken !== undefined && claims.sessionToken !== '') {
    throw new SigV4Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
  }

  const signedAt = parseAmzDate(claims.longDate);
  if (Number.isNaN(signedAt)) throw new SigV4Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header', 403);
  if (claims.presigned) {
    if (signedAt - now > MAX_SKEW_MS) throw new SigV4Error('AccessDenied', 'Request is not valid yet', 403);
    if (signedAt + claims.expiresSeconds! * 1000 < now) throw new SigV4Error('AccessDenied', 'Request has expired', 403);
  } else if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new SigV4Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
  }
  if (claims.longDate.slice(0, 8) !== claims.shortDate) {
    throw new SigV4Error('SignatureDoesNotMatch', 'The credential date does not match the request date.', 403);
  }

  let payloadHash = claims.payloadHash;
  if (req.service === 's3') {
    if (!payloadHash) throw new SigV4Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
    if (!HEX_SHA256.test(payloadHash) && !S3_PAYLOAD_MARKERS.has(payloadHash)) {
      throw new SigV4Error(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        400,
        { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash.slice(0, 128) },
      );
    }
    if (claims.presigned && SIGNED_STREAMING.test(payloadHash))
      throw new SigV4Error('InvalidRequest', 'Signed aws-chunked bodies cannot be sent with a presigned URL.', 400);
  } else {
    // JSON APIs sign their body's hash; it is computed here, so a client-supplied hash (or UNSIGNED-PAYLOAD)
    // never stands in for the body that actually arrived.
    payloadHash = createHash('sha256')
      .update(req.body ?? new Uint8Array())
      .digest('hex');
  }

  // Only the headers the client signed, with their received values.
  const signedSet = new Set(claims.signedHeaders.map((h) => h.toLowerCase()));
  const unsigned = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') && !signedSet.has(h));
  if (unsigned.length) {
    throw new SigV4Error('AccessDenied', 'There were headers present in the request which were not signed', 403, {
      HeadersNotSigned: unsigned.join(', '),
    });
  }
  const picked = Object.create(null) as Record<string, string>;
  for (const name of signedSet) {
    const v = header(req.headers, name);
    if (v === undefined)
      throw new SigV4Error(
        'SignatureDoesNotMatch',
        `The request signature we calculated does not match the signature you provided (signed header "${name}" is missing).`,
        403,
      );
    picked[name] = v;
  }
  if (!signedSet.has('host')) throw new SigV4Error('SignatureDoesNotMatch', 'The host header must be signed.', 403);
  const canonicalHeaders = getCanonicalHeaders({ headers: picked } as unknown as HttpRequest, undefined, signedSet) as Record<string, string>;

  const canonQuery = { ...query };
  if (claims.presigned) delete canonQuery['X-Amz-Signature'];
  const cacheKey = req.service;
  let c = canonicalizers.get(cacheKey);
  // S3 signs the path exactly as sent; other services normalize and escape it again.
  if (!c) canonicalizers.set(cacheKey, (c = new Canonicalizer(req.service, req.service !== 's3')));
  const request = {
    method: req.method,
    path: path || '/',
    query: canonQuery,
    headers: picked,
    protocol: 'http:',
    hostname: '',
  } as unknown as HttpRequest;
  const { signature, signingKey, scope } = await c.signature({
    request,
    canonicalHeaders,
    payloadHash,
    longDate: claims.longDate,
    shortDate: claims.shortDate,
    region: claims.region,
    service: claims.service,
    key,
  });
  if (!sameText(signature, claims.signature.toLowerCase())) {
    throw new SigV4Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
    );
  }
  return {
    key,
    payloadHash,
    presigned: claims.presigned,
    ...(SIGNED_STREAMING.test(payloadHash)
      ? { chunkSignatures: chunkSignatureChain({ signingKey, longDate: claims.longDate, scope, seedSignature: signature }) }
      : {}),
  };
}
