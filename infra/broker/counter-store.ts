/**
 * Fixed-window counters for the login limits (rate-limit.ts). Every broker instance must see the
 * same counts, or each Lambda instance would grant its own budget: on AWS the counters live in
 * DynamoDB (dynamodb-counter-store.ts); the in-memory store below suits one process (a broker
 * inside INE's Node backend with a single instance) and tests.
 */
export interface WindowCount {
  /** Events counted in the running window (0 when none runs). */
  count: number;
  /** When the running window ends (ms since the epoch); `now` when none runs. */
  endsAt: number;
}

export interface CounterStore {
  /** The running window's count for `key`. */
  get(key: string, now: number): Promise<WindowCount>;
  /** Count one event: in the running window, or in a new one of `windowMs` starting `now`. Atomic across instances. */
  increment(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** End `key`'s window (its count is forgotten). */
  reset(key: string): Promise<void>;
}

/** Keys kept before expired ones are swept, and the hard bound after which the oldest go. */
export const MEMORY_COUNTER_LIMIT = 100_000;

export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, WindowCount>();
  constructor(private readonly limit = MEMORY_COUNTER_LIMIT) {}

  async get(key: string, now: number): Promise<WindowCount> {
    const w = this.windows.get(key);
    return w && w.endsAt > now ? { ...w } : { count: 0, endsAt: now };
  }

  async increment(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const w = this.windows.get(key);
    const next = w && w.endsAt > now ? { count: w.count + 1, endsAt: w.endsAt } : { count: 1, endsAt: now + windowMs };
    this.windows.delete(key); // re-inserted last: the Map's order is then oldest-touched first
    this.windows.set(key, next);
    if (this.windows.size > this.limit) this.sweep(now);
    return { ...next };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /**
   * Drop ended windows; if a flood of distinct keys still exceeds the bound, the least recently
   * counted go, down to 90% so the next sweep is 10% of the bound away (amortized, not per request).
   */
  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    const target = Math.floor(this.limit * 0.9);
    for (const k of this.windows.keys()) {
      if (this.windows.size <= target) break;
      this.windows.delete(k);
    }
  }

  get size(): number {
    return this.windows.size;
  }
}
