/**
 * Token buckets per client: each client may make `perSecond` calls per second, in bursts of up to
 * `burst` calls (default: one second's worth). Clients are tracked in a bounded map, so a caller
 * with many addresses or identities costs bounded memory (a forgotten client starts again with a
 * full bucket). Shared by the stand-in (Cognito throttling) and the Web API (per-principal limits).
 */
import { BoundedMap } from './bounded-map.ts';

const TRACKED_CLIENTS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new BoundedMap<string, Bucket>(TRACKED_CLIENTS);
  private readonly capacity: number;
  /** `perSecond` 0 = unlimited. */
  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    burst?: number,
  ) {
    this.capacity = Math.max(1, burst ?? this.perSecond);
  }

  private refill(client: string): Bucket {
    const now = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(client, b);
    return b;
  }

  /** Take one call for `client`; false when its bucket is empty (the call must be refused). */
  take(client: string): boolean {
    if (this.perSecond === 0) return true;
    const b = this.refill(client);
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    return ok;
  }

  /** Whole seconds until `client` may make its next call (0 when it may now): a `Retry-After` value. */
  retryAfterSeconds(client: string): number {
    if (this.perSecond === 0) return 0;
    const b = this.refill(client);
    return b.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
