import type { IneConfig, LoginToken } from '../config/types.js';
import { IneError, toIneError } from '../internal/errors.js';

/** Ask the host page for a login token, through the configured callback or URL. */
export async function fetchLoginToken(config: IneConfig): Promise<LoginToken> {
  const source = config.loginToken;
  if (!source) throw new IneError('NotSignedIn', 'No loginToken source is configured');
  try {
    const token = typeof source === 'function' ? await source() : await fetchJson<LoginToken>(source, { credentials: 'include' });
    if (!token?.identityId || !token?.token) throw new IneError('NotSignedIn', 'The login token source returned no token');
    return token;
  } catch (e) {
    throw toIneError(e);
  }
}

/**
 * Log in against an auth broker (`POST <authUrl>/login`, docs/stand-in.md): the stand-in's broker in the
 * demo, or INE's backend in production. A wrong password is `AccessDenied`.
 */
export async function loginWithPassword(authUrl: string, username: string, password: string): Promise<LoginToken> {
  const res = await fetch(new URL('login', authUrl.endsWith('/') ? authUrl : authUrl + '/').href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).catch((e: unknown) => {
    throw new IneError('Network', String(e), e);
  });
  if (res.status === 401 || res.status === 403) throw new IneError('AccessDenied', 'Wrong user name or password', undefined, res.status);
  // The reference LDAP broker (infra/broker) answers 423 for a locked directory account.
  if (res.status === 423) throw new IneError('AccountLocked', 'The account is locked', undefined, res.status);
  // The broker's 503 means its directory is unreachable, not S3's SlowDown: only 429 is throttling here.
  if (!res.ok) throw new IneError(res.status === 429 ? 'Throttled' : 'ServerError', `Login answered ${res.status}`, undefined, res.status);
  return (await res.json()) as LoginToken;
}

async function fetchJson<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (res.status === 401 || res.status === 403) throw new IneError('NotSignedIn', `Token URL answered ${res.status}`, undefined, res.status);
  if (!res.ok) throw new IneError('ServerError', `Token URL answered ${res.status}`, undefined, res.status);
  return (await res.json()) as T;
}
