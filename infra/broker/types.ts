/**
 * The reference token broker's contract: `POST /login {username, password}` → `{ identityId, token,
 * role, expiresAt }`, the same shape as the local stand-in's broker (docs/stand-in.md), and every failure
 * as a clear JSON error with no token.
 */
import type { ConnectionOptions } from 'node:tls';
import type { CounterStore } from './counter-store.ts';
import type { LoginLimits } from './rate-limit.ts';

import { SIGNED_IN_ROLES, type SignedInRole } from '../policies/roles.ts';
import type { ClientStore } from '../../core/auth/clients.ts';
import type { SigningKeys } from '../../core/auth/signing-keys.ts';

/** The roles the broker hands out: the signed-in ones (infra/policies/roles.ts). */
export type BrokerRole = SignedInRole;
/** Highest privilege first: a user in both groups is an admin. */
export const ROLE_PRECEDENCE: readonly BrokerRole[] = SIGNED_IN_ROLES;

export interface LoginResult {
  identityId: string;
  token: string;
  role: BrokerRole;
  /** ISO 8601 expiry of the token. */
  expiresAt: string;
  /** The Web API access token (when the broker is configured with `accessTokens`). */
  accessToken?: string;
  /** Its lifetime in seconds (at most 900). */
  expiresIn?: number;
}

/**
 * The Web API's tokens (core/auth): the login adds an access token, and the broker serves its JWKS
 * (`GET /.well-known/jwks.json`) and the client credentials grant (`POST /oauth2/token`).
 */
export interface AccessTokenSettings {
  /** The signing keys (current + previous during a rotation); read per call, so a rotation applies at once. */
  keys: () => SigningKeys | Promise<SigningKeys>;
  /** The `iss` claim: this broker's public URL. */
  issuer: string;
  /** OAuth clients for the client credentials grant; without it `/oauth2/token` answers 404. */
  clients?: ClientStore;
}

export type BrokerErrorCode =
  | 'BadRequest' // 400: not JSON, or no username/password
  | 'InvalidCredentials' // 401: unknown user or wrong password (never says which)
  | 'NoRole' // 403: authenticated, but in no group mapped to a role
  | 'NotFound' // 404
  | 'MethodNotAllowed' // 405
  | 'AccountLocked' // 423: the directory says the account is locked
  | 'TooManyAttempts' // 429: too many failed attempts for this user, with Retry-After
  | 'DirectoryUnavailable' // 503: LDAP unreachable or timing out, with Retry-After
  | 'TokenServiceUnavailable'; // 503: Cognito refused or was unreachable

export const STATUS_OF: Record<BrokerErrorCode, number> = {
  BadRequest: 400,
  InvalidCredentials: 401,
  NoRole: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  AccountLocked: 423,
  TooManyAttempts: 429,
  DirectoryUnavailable: 503,
  TokenServiceUnavailable: 503,
};

export class BrokerError extends Error {
  constructor(
    readonly code: BrokerErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BrokerError';
  }
  get status(): number {
    return STATUS_OF[this.code];
  }
}

export interface LdapSettings {
  /** `ldaps://ldap.ine.mx:636` (or `ldap://` with `startTls`). */
  url: string;
  startTls?: boolean;
  tlsOptions?: ConnectionOptions;
  /** The user's DN from the login name; `{username}` is replaced RFC 4514-escaped. E.g. `uid={username},ou=people,dc=ine,dc=mx`. */
  userDnTemplate: string;
  /** Allowed login names (checked before anything reaches the directory). Default: letters, digits, `._-@`, 1-64 chars. */
  usernamePattern?: RegExp;
  /** Where group membership comes from. */
  groups:
    | { kind: 'memberOf'; attribute?: string }
    | { kind: 'search'; base: string; /** `{dn}` is replaced by the user's DN, filter-escaped. */ filter?: string };
  /**
   * A read-only service account used only after a failed bind, to tell a locked account from a wrong
   * password (directories answer both with invalidCredentials). Without it a locked account gets 401.
   */
  serviceAccount?: { dn: string; password: string };
  /**
   * Attributes that mark an account locked. `present` (default): any value locks (ppolicy's
   * `pwdAccountLockedTime`); otherwise the value (case-insensitive) that means locked, e.g.
   * `{ attribute: 'nsAccountLock', value: 'true' }`.
   */
  lockAttributes?: Array<{ attribute: string; value?: string }>;
  /** Per operation; the whole login answers 503 if the directory is slower. Default 5000 ms. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface CognitoSettings {
  region: string;
  /** Override (the local stand-in's Cognito endpoint in tests and demos). */
  endpoint?: string;
  /** Static credentials (the stand-in); on AWS leave unset and use the runtime role with the stack's BrokerPolicy. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The identity pool per role (the stack's UploaderIdentityPoolId / AdminIdentityPoolId outputs). */
  identityPools: Record<BrokerRole, string>;
  developerProviderName: string;
  /** Token lifetime; Cognito allows 1 s to 24 h. Default 3600. */
  tokenDurationSeconds?: number;
}

export interface BrokerConfig {
  ldap: LdapSettings;
  /** Group DNs per role (compared case- and space-insensitively). */
  roleGroups: Record<BrokerRole, string[]>;
  cognito: CognitoSettings;
  /** Failed-login limits (rate-limit.ts explains each; defaults in DEFAULT_LOGIN_LIMITS). */
  rateLimit?: Partial<LoginLimits> & {
    /** Where the counts live; shared by every instance (DynamoDB on AWS). Default: this process's memory. */
    store?: CounterStore;
  };
  /** Web API access tokens (optional: without it the broker answers as before). */
  accessTokens?: AccessTokenSettings;
  /** Origins allowed to call the broker from a browser (CORS); none by default (same-origin backend). */
  allowedOrigins?: string[];
  /** Audit log (one JSON line per login outcome; never passwords or tokens). */
  log?: (entry: Record<string, unknown>) => void;
  now?: () => number;
}

/** A framework-free HTTP request/response, adapted from Lambda events or Node's http. */
export interface BrokerRequest {
  method: string;
  path: string;
  /** The caller's address (adapters.ts: the socket's or API Gateway's, or a trusted proxy's view), for the per-client limits. */
  clientIp?: string;
  headers?: Record<string, string | undefined>;
  body?: string | null;
}
export interface BrokerResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
