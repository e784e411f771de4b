/**
 * Limits that keep one caller from stalling everyone else: per-client request rates on the
 * unauthenticated Cognito operations, HTTP timeouts, connections per client address, and the size of
 * the broker's failed-login memory. Explicit options win, then environment variables, then the
 * defaults below (docs/stand-in.md lists them). 0 turns a limit off.
 */

export interface Limits {
  /** GetId calls per second per client address (AWS: 25 per second per account). */
  getIdPerSecond: number;
  /** GetCredentialsForIdentity calls per second per client address (AWS: 200 per second per account). */
  credentialsPerSecond: number;
  /** Time for a request's headers to arrive in full; slower connections are closed (408). */
  headersTimeoutMs: number;
  /**
   * A connection that neither sends nor receives a byte for this long is closed. A slow upload that
   * keeps progressing is never cut, however long it takes.
   */
  idleTimeoutMs: number;
  /** Open connections per client address and port; more are answered 503 SlowDown and closed. */
  connectionsPerClient: number;
  /** User names whose failed logins the demo broker remembers (the oldest are forgotten first). */
  brokerTrackedNames: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  getIdPerSecond: 25,
  credentialsPerSecond: 200,
  headersTimeoutMs: 20_000,
  idleTimeoutMs: 60_000,
  connectionsPerClient: 256,
  brokerTrackedNames: 10_000,
};

/** The environment variable for each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  getIdPerSecond: 'INE_LIMIT_GETID_RPS',
  credentialsPerSecond: 'INE_LIMIT_CREDENTIALS_RPS',
  headersTimeoutMs: 'INE_LIMIT_HEADERS_TIMEOUT_MS',
  idleTimeoutMs: 'INE_LIMIT_IDLE_TIMEOUT_MS',
  connectionsPerClient: 'INE_LIMIT_CONNECTIONS_PER_CLIENT',
  brokerTrackedNames: 'INE_LIMIT_BROKER_NAMES',
};

function checked(name: string, v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0 (0 = no limit), got "${String(v)}"`);
  return n;
}

export function resolveLimits(opts: Partial<Limits> = {}, env: NodeJS.ProcessEnv = process.env): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const fromEnv = env[LIMIT_ENV[name]];
    if (opts[name] !== undefined) out[name] = checked(name, opts[name]);
    else if (fromEnv !== undefined && fromEnv !== '') out[name] = checked(LIMIT_ENV[name], fromEnv);
  }
  return out;
}
