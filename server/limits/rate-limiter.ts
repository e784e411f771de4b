/**
 * Token buckets per client: each client may make `perSecond` calls per second, in bursts of up to
 * one second's worth. Clients are tracked in a bounded map, so a caller with many addresses costs
 * bounded memory (a forgotten client starts again with a full bucket).
 */
import { BoundedMap } from './bounded-map.ts';

const TRACKED_CLIENTS = 10_000;

export class RateLimiter {
  private readonly buckets = new BoundedMap<string, { tokens: number; at: number }>(TRACKED_CLIENTS);
  /** `perSecond` 0 = unlimited. */
  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Take one call for `client`; false when its bucket is empty (the call must be refused). */
  take(client: string): boolean {
    if (this.perSecond === 0) return true;
    const capacity = Math.max(1, this.perSecond);
    const now = this.now();
    const b = this.buckets.get(client) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(client, b);
    return ok;
  }
}
