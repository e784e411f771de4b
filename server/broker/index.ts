/**
 * The auth broker: stands in for INE's backend (which logs users in against LDAP and knows their
 * role). `POST <authUrl>/login` with `{ username, password }` answers `{ identityId, token, role,
 * expiresAt }`. Like the real backend, it gets the token from Cognito's
 * GetOpenIdTokenForDeveloperIdentity over HTTP with the service keys, through the official SDK,
 * passing the user's role as `PrincipalTags: { role }`. The login also answers a short-lived access
 * token for the Web API (`accessToken`, `expiresIn`); systems get theirs from `POST <authUrl>/oauth2/token`
 * (client credentials), and the API verifies both against `GET <authUrl>/.well-known/jwks.json`
 * (core/auth does the work; this is its adapter).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoIdentityClient, GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { DEVELOPER_PROVIDER_NAME, MAX_DEVELOPER_USER_LENGTH } from '../config.ts';
import { BodyTooLarge, readBody, sendJson, setOpenCors } from '../http/io.ts';
import { BoundedMap } from '../../core/limits/bounded-map.ts';
import type { RoleName } from '../../infra/policies/roles.ts';
import { issueAccessToken } from '../../core/auth/access-token.ts';
import { ROLE_SCOPES } from '../../core/auth/scopes.ts';
import type { SigningKeys } from '../../core/auth/signing-keys.ts';
import type { TokenRequest, TokenResponse } from '../../core/auth/token-endpoint.ts';

/**
 * Demo users and their roles (the LDAP directory of the demo). `supervisor` is a second admin: during
 * a sensitive period one admin's publish, unpublish or delete waits for a different admin's approval.
 */
export const DEMO_USERS: Readonly<Record<string, RoleName>> = { admin: 'admin', supervisor: 'admin', uploader: 'uploader', viewer: 'viewer' };
/** Lifetime of the developer token the broker asks for (Cognito's default is 15 minutes). */
export const TOKEN_SECONDS = 3600;
/** Failed logins allowed per user name per window before 429. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 60_000;

export interface BrokerOptions {
  password: string;
  region: string;
  identityPoolId: string;
  /** The stand-in's own Cognito endpoint (read at call time: the port is known after listening). */
  cognitoEndpoint: () => string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Unknown user names whose failures are remembered (the oldest are forgotten first); 0 = no cap. */
  trackedNames: number;
  /** The Web API's token signing keys (read per call: a rotation applies at once). */
  signingKeys: () => SigningKeys;
  /** The `iss` of the tokens (the broker's own URL, known after listening). */
  issuer: () => string;
  /** The client credentials grant (core/auth/token-endpoint.ts). */
  tokenEndpoint: (req: TokenRequest) => Promise<TokenResponse>;
  log?: (m: string) => void;
}

import { DISCOVERY_PATH, JWKS_PATH, TOKEN_PATH, discoveryDocument } from '../../core/auth/discovery.ts';

export { JWKS_PATH, TOKEN_PATH };

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createBroker(opts: BrokerOptions) {
  // Failed logins per user name. The demo users' own entries are never evicted (a flood of made-up
  // names must not reset an attack's count on a real account); made-up names live in a bounded map
  // (remembered too, so that answers do not reveal which names exist).
  const userFailures = new Map<string, number[]>();
  const otherFailures = new BoundedMap<string, number[]>(opts.trackedNames || Infinity);
  const failuresFor = (user: string) => (Object.hasOwn(DEMO_USERS, user) ? userFailures : otherFailures);
  let client: CognitoIdentityClient | undefined;
  let clientEndpoint = '';

  function cognito(): CognitoIdentityClient {
    const endpoint = opts.cognitoEndpoint();
    if (!client || clientEndpoint !== endpoint) {
      client?.destroy();
      client = new CognitoIdentityClient({ region: opts.region, endpoint, credentials: opts.credentials, maxAttempts: 2 });
      clientEndpoint = endpoint;
    }
    return client;
  }

  function recentFailures(user: string, now: number): number[] {
    const list = (failuresFor(user).get(user) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (list.length) failuresFor(user).set(user, list);
    else failuresFor(user).delete(user);
    return list;
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: { username?: unknown; password?: unknown };
    try {
      body = JSON.parse((await readBody(req, 16 * 1024)).toString('utf8')) as typeof body;
    } catch (e) {
      return sendJson(res, e instanceof BodyTooLarge ? 413 : 400, { error: 'Send JSON { "username", "password" }' });
    }
    const username = typeof body?.username === 'string' ? body.username : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    // No user name can be longer (Cognito's limit for a developer user identifier): refused without
    // being remembered, so long names cost no memory.
    if (username.length > MAX_DEVELOPER_USER_LENGTH)
      return sendJson(res, 400, { error: `User names have at most ${MAX_DEVELOPER_USER_LENGTH} characters` });
    const now = Date.now();
    const recent = recentFailures(username, now);
    if (recent.length >= MAX_FAILURES) {
      res.setHeader('Retry-After', String(Math.ceil((recent[0]! + FAILURE_WINDOW_MS - now) / 1000)));
      return sendJson(res, 429, { error: 'Too many failed logins; try again later' });
    }
    const role = Object.hasOwn(DEMO_USERS, username) ? DEMO_USERS[username] : undefined;
    // Compare the password even for unknown users, so timing does not reveal which names exist.
    const passwordOk = samePassword(password, opts.password);
    if (!role || !passwordOk) {
      recent.push(now);
      failuresFor(username).set(username, recent);
      opts.log?.(`broker: failed login for "${username}"`);
      return sendJson(res, 401, { error: 'Wrong user name or password' });
    }
    failuresFor(username).delete(username);
    const out = await cognito().send(
      new GetOpenIdTokenForDeveloperIdentityCommand({
        IdentityPoolId: opts.identityPoolId,
        Logins: { [DEVELOPER_PROVIDER_NAME]: username },
        TokenDuration: TOKEN_SECONDS,
        PrincipalTags: { role },
      }),
    );
    const access = await issueAccessToken(opts.signingKeys(), { sub: username, role, scopes: ROLE_SCOPES[role] }, { issuer: opts.issuer() });
    sendJson(res, 200, {
      identityId: out.IdentityId,
      token: out.Token,
      role,
      expiresAt: new Date(now + TOKEN_SECONDS * 1000).toISOString(),
      accessToken: access.accessToken,
      expiresIn: access.expiresIn,
    });
  }

  return {
    /** Handle a request whose path is under the broker's base; `subpath` is the rest (`/login`). */
    async handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
      setOpenCors(req, res, subpath === JWKS_PATH || subpath === DISCOVERY_PATH ? 'GET, OPTIONS' : 'POST, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        return void res.end();
      }
      if (subpath === DISCOVERY_PATH) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.setHeader('Allow', 'GET, OPTIONS');
          return sendJson(res, 405, { error: 'Use GET' });
        }
        res.setHeader('Cache-Control', 'public, max-age=300');
        return sendJson(res, 200, discoveryDocument(opts.issuer()));
      }
      if (subpath === JWKS_PATH) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.setHeader('Allow', 'GET, OPTIONS');
          return sendJson(res, 405, { error: 'Use GET' });
        }
        res.setHeader('Cache-Control', 'public, max-age=300');
        return sendJson(res, 200, opts.signingKeys().jwks, 'application/jwk-set+json');
      }
      if (subpath === TOKEN_PATH) {
        let body: string;
        try {
          body = (await readBody(req, 8 * 1024)).toString('utf8');
        } catch (e) {
          if (!(e instanceof BodyTooLarge)) throw e;
          return sendJson(res, 400, { error: 'invalid_request', error_description: 'Body too large' });
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        const out = await opts.tokenEndpoint({ method: req.method ?? 'GET', headers, body });
        res.statusCode = out.status;
        for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
        return void res.end(out.body);
      }
      if (subpath !== '/login') return sendJson(res, 404, { error: 'Not found; POST /login' });
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST, OPTIONS');
        return sendJson(res, 405, { error: 'Use POST' });
      }
      try {
        await login(req, res);
      } catch (e) {
        opts.log?.(`broker: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) sendJson(res, 502, { error: `Identity pool error: ${(e as Error).message}` });
      }
    },
    /** User names with failed logins remembered now. */
    trackedNames(): number {
      return userFailures.size + otherFailures.size;
    },
    close(): void {
      client?.destroy();
      client = undefined;
    },
  };
}
