/**
 * `POST /oauth2/token`: the OAuth 2.0 client credentials grant (RFC 6749 §4.4). Form-encoded body
 * `grant_type=client_credentials[&scope=…]`, the client authenticated by HTTP Basic (preferred) or by
 * `client_id` + `client_secret` in the body (§2.3.1). Answers `{access_token, token_type, expires_in,
 * scope}` or an RFC 6749 §5.2 error. Failed authentications are rate limited per client id.
 * Framework-free: both brokers (stand-in and AWS) adapt it.
 */
import { RateLimiter } from '../limits/token-bucket.ts';
import { issueAccessToken, MAX_TOKEN_SECONDS, type IssueOptions } from './access-token.ts';
import type { ClientStore } from './clients.ts';
import { isScope, type Scope } from './scopes.ts';
import type { SigningKeys } from './signing-keys.ts';

export interface TokenRequest {
  method: string;
  headers: Record<string, string | undefined>;
  body?: string;
}
export interface TokenResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const MAX_BODY = 4096;
/** Failed authentications allowed per client id: a burst of 5, then one every 6 s. */
const FAILURES_PER_SECOND = 1 / 6;
const FAILURE_BURST = 5;

export interface TokenEndpointOptions extends Omit<IssueOptions, 'ttlSeconds'> {
  clients: ClientStore;
  keys: () => SigningKeys;
  ttlSeconds?: number;
}

function answer(status: number, body: Record<string, unknown>, extra: Record<string, string> = {}): TokenResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...extra },
    body: JSON.stringify(body),
  };
}
const oauthError = (status: number, error: string, description: string, extra: Record<string, string> = {}) =>
  answer(status, { error, error_description: description }, extra);

/** `client_id:client_secret` from a Basic header (each form-urlencoded, §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined | 'bad' {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!m) return 'bad';
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return 'bad';
  try {
    return {
      id: decodeURIComponent(text.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(text.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return 'bad';
  }
}

export function createTokenEndpoint(opts: TokenEndpointOptions) {
  const failures = new RateLimiter(FAILURES_PER_SECOND, () => performance.now(), FAILURE_BURST);
  const invalidClient = (basic: boolean) =>
    oauthError(401, 'invalid_client', 'Unknown client or wrong secret', basic ? { 'www-authenticate': 'Basic realm="ine-video-api"' } : {});

  return async function handle(req: TokenRequest): Promise<TokenResponse> {
    if (req.method.toUpperCase() !== 'POST') return oauthError(405, 'invalid_request', 'Use POST', { allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return oauthError(400, 'invalid_request', 'Send application/x-www-form-urlencoded');
    if ((req.body ?? '').length > MAX_BODY) return oauthError(400, 'invalid_request', 'Body too large');
    const form = new URLSearchParams(req.body ?? '');
    for (const name of new Set(form.keys()))
      if (form.getAll(name).length > 1) return oauthError(400, 'invalid_request', `Parameter ${name} repeated`);
    const grant = form.get('grant_type');
    if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported here');

    const basic = basicCredentials(req.headers.authorization);
    if (basic === 'bad') return invalidClient(true);
    const inBody = form.has('client_id') || form.has('client_secret');
    if (basic && inBody) return oauthError(400, 'invalid_request', 'Authenticate with one method only');
    const id = basic ? basic.id : (form.get('client_id') ?? '');
    const secret = basic ? basic.secret : (form.get('client_secret') ?? '');
    if (!id || !secret) return invalidClient(!!basic);
    if (id.length > 64 || secret.length > 256) return invalidClient(!!basic);

    const wait = failures.retryAfterSeconds(id);
    if (wait > 0) return oauthError(429, 'slow_down', 'Too many failed attempts for this client', { 'retry-after': String(wait) });
    const client = await opts.clients.authenticate(id, secret);
    if (!client) {
      failures.take(id);
      return invalidClient(!!basic);
    }

    let scopes: Scope[] = client.scopes;
    const asked = form.get('scope');
    if (asked !== null) {
      const list = asked.split(' ').filter(Boolean);
      const refused = list.filter((s) => !isScope(s) || !client.scopes.includes(s));
      if (!list.length || refused.length) return oauthError(400, 'invalid_scope', `Not granted to this client: ${refused.join(' ') || '(empty)'}`);
      scopes = list as Scope[];
    }
    const ttl = Math.min(opts.ttlSeconds ?? MAX_TOKEN_SECONDS, MAX_TOKEN_SECONDS);
    const token = await issueAccessToken(
      opts.keys(),
      { sub: `client:${client.clientId}`, role: client.role, scopes, clientId: client.clientId },
      { issuer: opts.issuer, ...(opts.audience ? { audience: opts.audience } : {}), ttlSeconds: ttl, ...(opts.now ? { now: opts.now } : {}) },
    );
    return answer(200, { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn, scope: scopes.join(' ') });
  };
}
