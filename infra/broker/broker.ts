/**
 * The reference token broker: INE's backend vouches for a user by binding to LDAP as them, mapping
 * their groups to a role, and asking Cognito for a developer-identity token in that role's pool.
 *
 *   const broker = createBroker(config);
 *   await broker.handle({ method: 'POST', path: '/login', body: '{"username":"…","password":"…"}' });
 *
 * Framework-free: adapters.ts turns it into a Lambda handler (API Gateway / Function URL) or a Node
 * http listener. Every failure is a JSON error with no token (types.ts lists the codes).
 */
import { LdapDirectory, normalizeDn } from './ldap-directory.ts';
import { MemoryCounterStore } from './counter-store.ts';
import { checkLdapTransport } from './ldap-transport.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from './rate-limit.ts';
import { TokenIssuer } from './token-issuer.ts';
import { DISCOVERY_PATH, JWKS_PATH, TOKEN_PATH, discoveryDocument } from '../../core/auth/discovery.ts';
import { issueAccessToken } from '../../core/auth/access-token.ts';
import { ROLE_SCOPES } from '../../core/auth/scopes.ts';
import { createTokenEndpoint } from '../../core/auth/token-endpoint.ts';
import {
  BrokerError,
  ROLE_PRECEDENCE,
  type BrokerConfig,
  type BrokerRequest,
  type BrokerResponse,
  type BrokerRole,
  type LoginResult,
} from './types.ts';

const MAX_BODY = 8 * 1024;

export interface Broker {
  handle(req: BrokerRequest): Promise<BrokerResponse>;
  /** The login itself, for callers that are not HTTP (throws BrokerError). */
  login(username: string, password: string, clientIp?: string): Promise<LoginResult>;
  close(): void;
}

/** The role for a set of group DNs, highest privilege first; undefined if none is mapped. */
export function roleForGroups(groups: string[], roleGroups: Record<BrokerRole, string[]>): BrokerRole | undefined {
  const have = new Set(groups.map(normalizeDn));
  return ROLE_PRECEDENCE.find((role) => (roleGroups[role] ?? []).some((g) => have.has(normalizeDn(g))));
}

export function createBroker(config: BrokerConfig): Broker {
  const now = config.now ?? Date.now;
  const log = config.log ?? ((entry) => console.log(JSON.stringify(entry)));
  // Refused here, before any password is sent: clear-text LDAP or unchecked certificates.
  const insecure = checkLdapTransport(config.ldap);
  if (insecure.length)
    log({ msg: 'INSECURE LDAP TRANSPORT allowed by INE_BROKER_INSECURE_LDAP: passwords may be readable on the network', reasons: insecure });
  const directory = new LdapDirectory(config.ldap);
  const issuer = new TokenIssuer(config.cognito, now);
  const { store = new MemoryCounterStore(), ...limits } = config.rateLimit ?? {};
  const given = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  const limiter = new LoginLimiter(store, { ...DEFAULT_LOGIN_LIMITS, ...given }, now);

  async function login(username: string, password: string, clientIp?: string): Promise<LoginResult> {
    const user = username.trim().toLowerCase();
    const wait = await limiter.retryAfter(user, clientIp);
    if (wait > 0) throw new BrokerError('TooManyAttempts', `Too many failed attempts; try again in ${wait} s`, wait);
    const failed = () => limiter.fail(user, clientIp);
    // Validated before the directory: nothing odd reaches an LDAP DN.
    if (!directory.validUsername(user) || !password) {
      await failed();
      throw new BrokerError('InvalidCredentials', 'Wrong user name or password');
    }

    let dirUser;
    try {
      dirUser = await directory.authenticate(user, password);
    } catch (e) {
      if (e instanceof BrokerError && (e.code === 'InvalidCredentials' || e.code === 'AccountLocked')) await failed();
      throw e;
    }
    await limiter.succeed(user, clientIp);
    const role = roleForGroups(dirUser.groups, config.roleGroups);
    if (!role) throw new BrokerError('NoRole', 'The account has no role for the video platform (not in any mapped LDAP group)');
    const result = await issuer.issue(user, role);
    if (!config.accessTokens) return result;
    const access = await issueAccessToken(
      await config.accessTokens.keys(),
      { sub: user, role, scopes: ROLE_SCOPES[role] },
      { issuer: config.accessTokens.issuer, now },
    );
    return { ...result, accessToken: access.accessToken, expiresIn: access.expiresIn };
  }

  // Keys are read per call (a rotation applies at once); the endpoint itself is built once.
  let currentKeys: Awaited<ReturnType<NonNullable<BrokerConfig['accessTokens']>['keys']>> | undefined;
  const tokenEndpoint =
    config.accessTokens?.clients &&
    createTokenEndpoint({ clients: config.accessTokens.clients, keys: () => currentKeys!, issuer: config.accessTokens.issuer, now });

  function respond(status: number, body: unknown, origin: string | undefined, extra: Record<string, string> = {}): BrokerResponse {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra };
    if (origin && config.allowedOrigins?.includes(origin)) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-credentials'] = 'true';
      headers.vary = 'Origin';
    }
    return { status, headers, body: body === undefined ? '' : JSON.stringify(body) };
  }

  function errorResponse(e: BrokerError, origin: string | undefined): BrokerResponse {
    const extra: Record<string, string> = e.retryAfterSeconds ? { 'retry-after': String(e.retryAfterSeconds) } : {};
    return respond(e.status, { error: e.code, message: e.message }, origin, extra);
  }

  async function handle(req: BrokerRequest): Promise<BrokerResponse> {
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const origin = headers.origin;
    if (config.accessTokens && req.path.endsWith(DISCOVERY_PATH)) {
      if (req.method.toUpperCase() !== 'GET') return errorResponse(new BrokerError('MethodNotAllowed', 'Use GET'), origin);
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
        body: JSON.stringify(discoveryDocument(config.accessTokens.issuer)),
      };
    }
    if (config.accessTokens && req.path.endsWith(JWKS_PATH)) {
      if (req.method.toUpperCase() !== 'GET') return errorResponse(new BrokerError('MethodNotAllowed', 'Use GET'), origin);
      return {
        status: 200,
        headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' },
        body: JSON.stringify((await config.accessTokens.keys()).jwks),
      };
    }
    if (config.accessTokens && req.path.endsWith(TOKEN_PATH)) {
      if (!tokenEndpoint) return errorResponse(new BrokerError('NotFound', 'Client credentials are not configured'), origin);
      currentKeys = await config.accessTokens.keys();
      return tokenEndpoint({ method: req.method, headers, body: req.body ?? '' });
    }
    if (!/(^|\/)login\/?$/.test(req.path)) return errorResponse(new BrokerError('NotFound', 'Not found'), origin);
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') {
      return respond(204, undefined, origin, {
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
    }
    if (method !== 'POST') return errorResponse(new BrokerError('MethodNotAllowed', 'Use POST'), origin);

    let username: unknown;
    let password: unknown;
    try {
      if ((req.body ?? '').length > MAX_BODY) throw new Error('too large');
      ({ username, password } = JSON.parse(req.body ?? '') as { username?: unknown; password?: unknown });
    } catch {
      return errorResponse(new BrokerError('BadRequest', 'Send JSON {"username", "password"}'), origin);
    }
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      return errorResponse(new BrokerError('BadRequest', 'Send JSON {"username", "password"}'), origin);
    }
    const started = now();
    try {
      const result = await login(username, password, req.clientIp);
      log({
        msg: 'login',
        outcome: 'ok',
        user: username.trim().toLowerCase(),
        role: result.role,
        identityId: result.identityId,
        ms: now() - started,
      });
      return respond(200, result, origin);
    } catch (e) {
      const err = e instanceof BrokerError ? e : new BrokerError('DirectoryUnavailable', `Unexpected: ${(e as Error).message}`, 10, { cause: e });
      log({ msg: 'login', outcome: err.code, user: username.trim().toLowerCase(), client: req.clientIp, detail: err.message, ms: now() - started });
      return errorResponse(err, origin);
    }
  }

  return { handle, login, close: () => issuer.destroy() };
}
