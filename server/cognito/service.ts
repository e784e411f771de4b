/**
 * Cognito Identity (JSON 1.1 over POST with `X-Amz-Target: AWSCognitoIdentityService.<Op>`):
 * GetId, GetCredentialsForIdentity and GetOpenIdTokenForDeveloperIdentity, as the elements, the
 * broker (standing in for INE's backend) and the AWS CLI call them.
 *
 * Roles: GetOpenIdTokenForDeveloperIdentity takes the user's role in `PrincipalTags: { role }`
 * (a real field of that API) and the stand-in writes it into the signed token; GetCredentialsForIdentity
 * issues keys for the role in the token. Unauthenticated identities get `viewer` keys, for which the
 * viewer policy denies every S3 action. See docs/stand-in.md "Roles and tokens".
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLE_NAMES, isRoleName } from '../../infra/policies/roles.ts';
import type { KeyStore, PrincipalRole } from '../auth/keys.ts';
import { SigV4Error, isSigned, verifySigV4 } from '../auth/sigv4.ts';
import { DEVELOPER_PROVIDER_NAME, MAX_DEVELOPER_USER_LENGTH } from '../config.ts';
import { setOpenCors } from '../http/io.ts';
import { PoolState } from './state.ts';
import { TokenError, signToken, verifyToken, type TokenClaims } from './tokens.ts';

export const COGNITO_LOGIN_KEY = 'cognito-identity.amazonaws.com';
const TARGET_PREFIX = 'AWSCognitoIdentityService.';
/** Cognito's default and maximum developer token lifetimes. */
const DEFAULT_TOKEN_SECONDS = 900;
const MAX_TOKEN_SECONDS = 86400;

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface CognitoOptions {
  dir: string;
  region: string;
  keys: KeyStore;
  credentialsTtlSeconds: number;
  /** Per-client rate limit (server/cognito/throttle.ts): false = refuse with TooManyRequestsException. */
  admit?: (operation: string, req: IncomingMessage) => boolean;
  log?: (m: string) => void;
}

type Json = Record<string, unknown>;

export function isCognitoRequest(req: IncomingMessage): boolean {
  const t = req.headers['x-amz-target'];
  return typeof t === 'string' && t.startsWith(TARGET_PREFIX);
}

export class CognitoService {
  readonly state: PoolState;
  constructor(private readonly opts: CognitoOptions) {
    this.state = new PoolState(opts.dir, opts.region);
  }

  get identityPoolId(): string {
    return this.state.poolId;
  }

  /** Answer one Cognito request whose body has been read. */
  async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    setOpenCors(req, res);
    res.setHeader('x-amzn-RequestId', randomUUID());
    try {
      const target = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
      if (this.opts.admit && !this.opts.admit(target, req)) throw new CognitoError('TooManyRequestsException', 'Rate exceeded');
      let input: Json;
      try {
        input = body.length ? (JSON.parse(body.toString('utf8')) as Json) : {};
        if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
      } catch {
        throw new CognitoError('SerializationException', 'Request body is not valid JSON');
      }
      let out: Json;
      switch (target) {
        case 'GetId':
          out = this.getId(input);
          break;
        case 'GetCredentialsForIdentity':
          out = this.getCredentialsForIdentity(input);
          break;
        case 'GetOpenIdTokenForDeveloperIdentity':
          await this.requireServiceSignature(req, body);
          out = this.getOpenIdTokenForDeveloperIdentity(input);
          break;
        default:
          throw new CognitoError('UnknownOperationException', `Operation ${target} is not supported by the local stand-in`);
      }
      this.send(res, 200, out);
    } catch (e) {
      const err = e instanceof CognitoError ? e : new CognitoError('InternalErrorException', (e as Error).message, 500);
      if (!(e instanceof CognitoError)) this.opts.log?.(`cognito: ${(e as Error).stack ?? e}`);
      res.setHeader('x-amzn-ErrorType', `${err.type}:`);
      this.send(res, err.status, { __type: err.type, message: err.message });
    }
  }

  private send(res: ServerResponse, status: number, body: Json): void {
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/x-amz-json-1.1');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }

  private async requireServiceSignature(req: IncomingMessage, body: Buffer): Promise<void> {
    if (!isSigned(req.url ?? '/', req.headers)) throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    try {
      const { key } = await verifySigV4(
        { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, service: 'cognito-identity', region: this.opts.region, body },
        this.opts.keys,
      );
      if (key.role !== 'service') {
        throw new CognitoError(
          'NotAuthorizedException',
          `User is not authorized to perform: cognito-identity:GetOpenIdTokenForDeveloperIdentity on resource: ${this.identityPoolId}`,
        );
      }
    } catch (e) {
      if (!(e instanceof SigV4Error)) throw e;
      const map: Record<string, string> = {
        InvalidAccessKeyId: 'UnrecognizedClientException',
        InvalidToken: 'UnrecognizedClientException',
        ExpiredToken: 'ExpiredTokenException',
        SignatureDoesNotMatch: 'InvalidSignatureException',
        RequestTimeTooSkewed: 'InvalidSignatureException',
      };
      throw new CognitoError(map[e.code] ?? 'IncompleteSignatureException', e.message);
    }
  }

  private requirePool(input: Json): void {
    const id = input.IdentityPoolId;
    if (typeof id !== 'string' || !id)
      throw new CognitoError(
        'InvalidParameterException',
        "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
      );
    if (id !== this.identityPoolId) throw new CognitoError('ResourceNotFoundException', `IdentityPool '${id}' not found.`);
  }

  private logins(input: Json): Record<string, string> | undefined {
    const l = input.Logins;
    if (l === undefined || l === null) return undefined;
    if (typeof l !== 'object' || Array.isArray(l) || Object.values(l).some((v) => typeof v !== 'string')) {
      throw new CognitoError('InvalidParameterException', 'Logins must be a map of provider name to token');
    }
    return Object.keys(l).length ? (l as Record<string, string>) : undefined;
  }

  /** Verify a `cognito-identity.amazonaws.com` token from a Logins map. */
  private loginClaims(logins: Record<string, string>): TokenClaims {
    const providers = Object.keys(logins);
    const token = logins[COGNITO_LOGIN_KEY];
    if (token === undefined || providers.length !== 1) {
      throw new CognitoError(
        'NotAuthorizedException',
        `Invalid login token. Only '${COGNITO_LOGIN_KEY}' developer tokens are accepted by the local identity pool.`,
      );
    }
    try {
      const claims = verifyToken(token, this.state.tokenSecret);
      if (claims.aud !== this.identityPoolId) throw new TokenError('Invalid login token. Incorrect token audience.');
      if (!this.state.identity(claims.sub)) throw new TokenError('Invalid login token. Unknown identity.');
      return claims;
    } catch (e) {
      if (e instanceof TokenError) throw new CognitoError('NotAuthorizedException', e.message);
      throw e;
    }
  }

  private getId(input: Json): Json {
    this.requirePool(input);
    const logins = this.logins(input);
    if (logins) return { IdentityId: this.loginClaims(logins).sub };
    return { IdentityId: this.state.newIdentity('unauthenticated') };
  }

  private getCredentialsForIdentity(input: Json): Json {
    const identityId = input.IdentityId;
    if (typeof identityId !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(identityId)) {
      throw new CognitoError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
      );
    }
    const record = this.state.identity(identityId);
    if (!record) throw new CognitoError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
    const logins = this.logins(input);
    let role: PrincipalRole;
    if (logins) {
      const claims = this.loginClaims(logins);
      if (claims.sub !== identityId) throw new CognitoError('NotAuthorizedException', 'Invalid login token. Token is not from this identity.');
      // A developer login without a role tag is a signed-in viewer; a tag naming no role is refused
      // (tokens are signed here with a listed role, so only a token from another version can carry one).
      if (claims.role !== undefined && !isRoleName(claims.role))
        throw new CognitoError('NotAuthorizedException', `Invalid login token. Unknown role '${claims.role}'.`);
      role = claims.role ?? 'viewer';
    } else {
      if (record.kind !== 'unauthenticated')
        throw new CognitoError(
          'NotAuthorizedException',
          "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        );
      role = 'viewer';
    }
    const key = this.opts.keys.issue(role, identityId, this.opts.credentialsTtlSeconds);
    return {
      IdentityId: identityId,
      Credentials: { AccessKeyId: key.accessKeyId, SecretKey: key.secretAccessKey, SessionToken: key.sessionToken, Expiration: key.expiresAt / 1000 },
    };
  }

  private getOpenIdTokenForDeveloperIdentity(input: Json): Json {
    this.requirePool(input);
    const logins = this.logins(input);
    if (!logins) throw new CognitoError('InvalidParameterException', 'Logins must contain the developer provider name and the user identifier');
    const entries = Object.entries(logins);
    if (entries.length !== 1 || entries[0]![0] !== DEVELOPER_PROVIDER_NAME) {
      throw new CognitoError(
        'NotAuthorizedException',
        `Invalid developer provider name; this identity pool's developer provider is '${DEVELOPER_PROVIDER_NAME}'.`,
      );
    }
    const user = entries[0]![1];
    if (!user || user.length > MAX_DEVELOPER_USER_LENGTH)
      throw new CognitoError('InvalidParameterException', `The user identifier must be 1 to ${MAX_DEVELOPER_USER_LENGTH} characters`);
    const duration = input.TokenDuration === undefined ? DEFAULT_TOKEN_SECONDS : Number(input.TokenDuration);
    if (!Number.isInteger(duration) || duration < 1 || duration > MAX_TOKEN_SECONDS) {
      throw new CognitoError('InvalidParameterException', 'TokenDuration must be between 1 and 86400 seconds');
    }
    const tags = input.PrincipalTags as Record<string, unknown> | undefined;
    const role = tags && typeof tags.role === 'string' ? tags.role : undefined;
    if (role !== undefined && !isRoleName(role))
      throw new CognitoError('InvalidParameterException', `PrincipalTags.role must be one of ${ROLE_NAMES.join(', ')}`);

    const login = `${DEVELOPER_PROVIDER_NAME}/${user}`;
    let identityId = this.state.identityForLogin(login);
    const asked = input.IdentityId;
    if (typeof asked === 'string' && asked) {
      if (identityId && identityId !== asked)
        throw new CognitoError('ResourceConflictException', `The user is already linked to identity ${identityId}.`);
      if (!this.state.identity(asked)) throw new CognitoError('ResourceNotFoundException', `Identity '${asked}' not found.`);
      if (!identityId) this.state.link(asked, login);
      identityId = asked;
    }
    identityId ??= this.state.newIdentity('developer', login);
    const now = Math.floor(Date.now() / 1000);
    const token = signToken(
      {
        iss: `https://${COGNITO_LOGIN_KEY}`,
        sub: identityId,
        aud: this.identityPoolId,
        amr: ['authenticated', DEVELOPER_PROVIDER_NAME, `${DEVELOPER_PROVIDER_NAME}:${this.identityPoolId}:${user}`],
        iat: now,
        exp: now + duration,
        ...(role ? { role } : {}),
      },
      this.state.tokenSecret,
    );
    return { IdentityId: identityId, Token: token };
  }
}
