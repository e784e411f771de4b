/**
 * Short-lived access tokens (JWT, ES256) for the Web API: issued by the broker to people (after the
 * LDAP login) and to systems (client credentials), verified by the API (locally) or by API Gateway's
 * JWT authorizer against the same JWKS (AWS). Claims: sub, role, scope (space-separated), client_id
 * (systems), iss, aud, iat, exp (at most 15 minutes after iat), jti.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { isRoleName, type RoleName } from '../../infra/policies/roles.ts';
import { ApiProblem } from '../api/problem.ts';
import type { Principal } from './principal.ts';
import { isScope, type Scope } from './scopes.ts';
import { TOKEN_ALG, type JsonWebKeySet, type SigningKeys } from './signing-keys.ts';

/** The longest lifetime a token may have. */
export const MAX_TOKEN_SECONDS = 15 * 60;
/** The default audience: this API. */
export const API_AUDIENCE = 'ine-video-api';
/** Clock difference tolerated between issuer and verifier. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenSubject {
  sub: string;
  role: RoleName;
  scopes: readonly Scope[];
  clientId?: string;
}

export interface IssueOptions {
  issuer: string;
  audience?: string;
  /** At most MAX_TOKEN_SECONDS (the default). */
  ttlSeconds?: number;
  now?: () => number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  expiresAt: string;
}

export async function issueAccessToken(keys: SigningKeys, subject: TokenSubject, opts: IssueOptions): Promise<IssuedToken> {
  const ttl = opts.ttlSeconds ?? MAX_TOKEN_SECONDS;
  if (!(ttl > 0 && ttl <= MAX_TOKEN_SECONDS)) throw new Error(`Token lifetime must be 1..${MAX_TOKEN_SECONDS} s`);
  const iat = Math.floor((opts.now?.() ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = { role: subject.role, scope: subject.scopes.join(' ') };
  if (subject.clientId) claims.client_id = subject.clientId;
  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: TOKEN_ALG, kid: keys.kid, typ: 'at+jwt' })
    .setSubject(subject.sub)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience ?? API_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(randomUUID())
    .sign(keys.privateKey);
  return { accessToken, expiresIn: ttl, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
}

export interface VerifyOptions {
  audience: string;
  /** When set, the token must come from this issuer. */
  issuer?: string;
  requiredScope?: Scope;
  now?: () => number;
}

/**
 * The principal of a valid token, or an ApiProblem naming why not: TokenInvalid (malformed,
 * tampered, claims missing), TokenAlgorithmRefused (not ES256, `none` included), TokenUnknownKey,
 * TokenExpired, TokenWrongAudience, InsufficientScope.
 */
export async function verifyAccessToken(token: string, jwks: JsonWebKeySet, opts: VerifyOptions): Promise<Principal> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new ApiProblem('TokenInvalid', 'The access token is not a JWT');
  }
  if (header.alg !== TOKEN_ALG) throw new ApiProblem('TokenAlgorithmRefused', `Tokens are signed with ${TOKEN_ALG}, not ${String(header.alg)}`);
  if (typeof header.kid !== 'string' || !jwks.keys.some((k) => k.kid === header.kid))
    throw new ApiProblem('TokenUnknownKey', `No key "${String(header.kid)}" in the broker's JWKS`);
  let payload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: [TOKEN_ALG],
      audience: opts.audience,
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'iss', 'aud'],
      ...(opts.now ? { currentDate: new Date(opts.now()) } : {}),
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new ApiProblem('TokenExpired', 'The access token has expired');
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'aud')
      throw new ApiProblem('TokenWrongAudience', `The token is not for ${opts.audience}`);
    if (e instanceof errors.JOSEError) throw new ApiProblem('TokenInvalid', `The access token does not verify (${e.code})`);
    throw e;
  }
  const exp = payload.exp!;
  const iat = payload.iat!;
  if (exp - iat > MAX_TOKEN_SECONDS) throw new ApiProblem('TokenInvalid', `Tokens live at most ${MAX_TOKEN_SECONDS} s`);
  if (!isRoleName(payload.role)) throw new ApiProblem('TokenInvalid', 'The token carries no known role');
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(isScope) : [];
  const principal: Principal = { sub: payload.sub!, role: payload.role, scopes };
  if (typeof payload.client_id === 'string') principal.clientId = payload.client_id;
  if (opts.requiredScope && !scopes.includes(opts.requiredScope))
    throw new ApiProblem(
      'InsufficientScope',
      `This needs the scope ${opts.requiredScope}`,
      {},
      {
        'www-authenticate': `Bearer error="insufficient_scope", scope="${opts.requiredScope}"`,
      },
    );
  return principal;
}
