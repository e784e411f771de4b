/**
 * Page-wide temporary AWS credentials from a Cognito Identity Pool (docs/stand-in.md "Roles and tokens": GetCredentialsForIdentity
 * is limited to 200 RPS per account, so a page asks once and shares the result).
 *
 * One provider per (pool, Cognito endpoint) lives on `globalThis`; every element and client on the
 * page uses it. Credentials are refreshed ahead of expiry, concurrent callers share one request, and
 * an expired login token is fetched again from the host page once before giving up.
 * The AWS SDK is imported on first use, never in the first download.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { getConfig } from '../config/config.js';
import type { IneConfig, LoginToken } from '../config/types.js';
import { IneError, toIneError } from '../internal/errors.js';
import { fetchLoginToken } from './login-token.js';

export interface SharedCredentials {
  /** AWS SDK credential provider: pass it as `credentials` to any client. */
  (): Promise<AwsCredentialIdentity>;
  /** The Cognito identity id (the `${cognito-identity.amazonaws.com:sub}` of the policies). */
  identityId(): Promise<string>;
  /** The role the host's backend vouched for, if it said. */
  role(): Promise<string | undefined>;
  /**
   * The Web API access token from the same login (`force`: ask the host again, e.g. after the API
   * answered TokenExpired). NotSignedIn when the login carries none.
   */
  accessToken(force?: boolean): Promise<string>;
  /** Drop cached credentials (e.g. after S3 answered `ExpiredToken`); the next call fetches new ones. */
  invalidate(): void;
  /** Forget the login too (sign out). */
  reset(): void;
}

/** Refresh this long before expiry, or at 80 % of a short lifetime, whichever comes first. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const KEY = Symbol.for('ine-video-elements.credentials');

type Registry = Map<string, SharedCredentials>;
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= new Map());
}

/** The page's shared credentials for the configured identity pool. */
export function sharedCredentials(config: IneConfig = getConfig()): SharedCredentials {
  const key = `${config.identityPoolId}|${config.cognitoEndpoint ?? ''}|${config.region}`;
  let provider = registry().get(key);
  if (!provider) {
    provider = createCredentials(config);
    registry().set(key, provider);
  }
  return provider;
}

/** Forget every shared provider (sign out everywhere on the page). */
export function resetSharedCredentials(): void {
  for (const p of registry().values()) p.reset();
  registry().clear();
  // Shared S3 clients hold the old provider (and through it the old login callback): drop them too.
  (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('ine-video-elements.s3')]?.clear();
}

function createCredentials(config: IneConfig): SharedCredentials {
  let login: LoginToken | undefined;
  /** When the login's access token stops working (it lives shorter than the Cognito token). */
  let accessTokenExpiresAt = 0;
  let cached: { creds: AwsCredentialIdentity; refreshAt: number } | undefined;
  let inflight: Promise<AwsCredentialIdentity> | undefined;

  async function loginToken(force: boolean): Promise<LoginToken> {
    const stale = login?.expiresAt && Date.parse(login.expiresAt) - 30_000 < Date.now();
    if (!login || force || stale) {
      login = await fetchLoginToken(config);
      accessTokenExpiresAt = Date.now() + (login.expiresIn ?? 900) * 1000;
    }
    return login;
  }

  async function exchange(token: LoginToken): Promise<AwsCredentialIdentity> {
    const { fromCognitoIdentity } = await import('@aws-sdk/credential-provider-cognito-identity');
    const provider = fromCognitoIdentity({
      identityId: token.identityId,
      logins: { 'cognito-identity.amazonaws.com': token.token },
      clientConfig: { region: config.region, ...(config.cognitoEndpoint ? { endpoint: config.cognitoEndpoint } : {}) },
    });
    return provider();
  }

  async function refresh(): Promise<AwsCredentialIdentity> {
    if (!config.identityPoolId && !config.cognitoEndpoint) throw new IneError('Config', 'identityPoolId is not configured');
    let creds: AwsCredentialIdentity;
    try {
      creds = await exchange(await loginToken(false));
    } catch (e) {
      const err = toIneError(e);
      // The developer token may have expired while the page was open: ask the host once more.
      if (err.code !== 'AccessDenied' && err.code !== 'ExpiredCredentials' && err.code !== 'Unknown') throw err;
      try {
        creds = await exchange(await loginToken(true));
      } catch (e2) {
        const err2 = toIneError(e2);
        throw err2.code === 'AccessDenied' ? new IneError('ExpiredCredentials', err2.message, e2) : err2;
      }
    }
    const expires = creds.expiration?.getTime() ?? Date.now() + 60 * 60_000;
    const lifetime = expires - Date.now();
    cached = { creds, refreshAt: expires - Math.min(REFRESH_MARGIN_MS, lifetime * 0.2) };
    return creds;
  }

  const provider = (async () => {
    if (cached && Date.now() < cached.refreshAt) return cached.creds;
    inflight ??= refresh().finally(() => (inflight = undefined));
    return inflight;
  }) as SharedCredentials;
  // This provider caches and refreshes itself. Marked `memoized`, the SDK calls it on every request
  // instead of wrapping it in its own cache, which would keep serving credentials after
  // `invalidate()` (S3 said `ExpiredToken`) until 5 minutes before their stated expiry.
  (provider as unknown as { memoized: boolean }).memoized = true;
  provider.identityId = async () => (await loginToken(false)).identityId;
  provider.role = async () => (await loginToken(false)).role;
  provider.accessToken = async (force = false) => {
    const t = await loginToken(force || (login !== undefined && Date.now() > accessTokenExpiresAt - 30_000));
    if (!t.accessToken) throw new IneError('NotSignedIn', 'The login token carries no accessToken for the Web API');
    return t.accessToken;
  };
  provider.invalidate = () => {
    cached = undefined;
  };
  provider.reset = () => {
    cached = undefined;
    login = undefined;
  };
  return provider;
}
