/**
 * OpenID tokens for developer-authenticated identities, as GetOpenIdTokenForDeveloperIdentity issues
 * them. Real Cognito signs RS512 JWTs with its own keys; the stand-in signs HS256 JWTs with a secret
 * kept in its data folder (so tokens survive restarts). Claims follow Cognito's (iss, sub = identity
 * id, aud = identity pool id, amr, iat, exp), plus `role` from the request's PrincipalTags.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string;
  amr: string[];
  iat: number;
  exp: number;
  /** The role the developer provider vouched for (PrincipalTags `role`). */
  role?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signToken(claims: TokenClaims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'ine-local-1' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export class TokenError extends Error {}

/** Verify signature and expiry; returns the claims or throws TokenError. */
export function verifyToken(token: string, secret: string, now = Date.now()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('Invalid login token. Not a valid OpenId Connect identity token.');
  const [head, body, sig] = parts as [string, string, string];
  // Compared as text against the one canonical encoding: Buffer's base64url decoder skips padding, stray
  // characters and spare bits, so decoding the given signature would accept many spellings of it.
  const expected = Buffer.from(createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('Invalid login token. Token signature invalid.');
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw new TokenError('Invalid login token. Not a valid OpenId Connect identity token.');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new TokenError('Invalid login token. Token expired.');
  return claims;
}
