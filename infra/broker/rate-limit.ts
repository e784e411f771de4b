/**
 * Per-user limit on failed logins (wrong password, locked account): after `maxFailures` within
 * `windowSeconds`, the broker answers 429 without asking the directory, so the broker cannot be used
 * to guess passwords or to lock accounts through ppolicy faster than the window allows.
 *
 * The store is an interface: the in-memory one suits a single process; several broker instances
 * (Lambda) need a shared one (DynamoDB with TTL, Redis INCR + EXPIRE) implementing the same three calls.
 */
export interface FailureStore {
  /** Failure timestamps (ms) for `key` newer than `since`. */
  recent(key: string, since: number): Promise<number[]>;
  /** Record a failure at `at` (ms); entries older than `expireBefore` may be dropped. */
  add(key: string, at: number, expireBefore: number): Promise<void>;
  /** Forget `key` (after a successful login). */
  clear(key: string): Promise<void>;
}

export class MemoryFailureStore implements FailureStore {
  private readonly failures = new Map<string, number[]>();
  async recent(key: string, since: number): Promise<number[]> {
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
  async add(key: string, at: number, expireBefore: number): Promise<void> {
    const list = (this.failures.get(key) ?? []).filter((t) => t > expireBefore);
    list.push(at);
    this.failures.set(key, list);
    // Bound memory under a spray of distinct user names.
    if (this.failures.size > 100_000) {
      for (const [k, v] of this.failures) if (!v.some((t) => t > expireBefore)) this.failures.delete(k);
    }
  }
  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }
}

export class FailedLoginLimiter {
  constructor(
    private readonly store: FailureStore,
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Seconds until `key` may try again, or 0 if it may now. */
  async retryAfter(key: string): Promise<number> {
    const now = this.now();
    const recent = await this.store.recent(key, now - this.windowMs);
    if (recent.length < this.maxFailures) return 0;
    const oldestCounted = recent.sort((a, b) => a - b)[recent.length - this.maxFailures]!;
    return Math.max(1, Math.ceil((oldestCounted + this.windowMs - now) / 1000));
  }
  async fail(key: string): Promise<void> {
    const now = this.now();
    await this.store.add(key, now, now - this.windowMs);
  }
  async succeed(key: string): Promise<void> {
    await this.store.clear(key);
  }
}
