/**
 * The caller's address for the per-client login limits. `X-Forwarded-For` is written by whoever
 * sends the request, so only the entries added by the broker's own proxies can be trusted: with
 * `trustedProxyHops` = n (the number of proxies in front of the broker, each appending the address
 * it saw), the client is the address n hops from the right of "X-Forwarded-For entries, then the
 * connected peer". 0 (the default) ignores the header: the socket's address, or, on Lambda, the
 * source IP API Gateway or the Function URL saw.
 */

/** Entries parsed from X-Forwarded-For: at most this many (a proxy chain is short; the header is not trusted anyway). */
const MAX_FORWARDED_ENTRIES = 32;

export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxyHops = 0): string | undefined {
  if (trustedProxyHops === 0 || !peer) return peer;
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .slice(-MAX_FORWARDED_ENTRIES)
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer entries than proxies: the request skipped some proxy; the left-most one is the best guess left.
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)];
}

/** `INE_BROKER_TRUSTED_PROXY_HOPS` (a whole number), or the older `INE_BROKER_TRUST_PROXY=true` meaning one proxy. */
export function trustedProxyHopsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.INE_BROKER_TRUSTED_PROXY_HOPS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new Error(`INE_BROKER_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, got ${JSON.stringify(raw)}`);
    return n;
  }
  return env.INE_BROKER_TRUST_PROXY === 'true' ? 1 : 0;
}
