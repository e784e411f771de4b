/**
 * The server's time and its timers, as one seam: the stand-in passes the real clock; tests pass a
 * controllable one (`manualClock`) and move it forward instead of sleeping.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once `now()` reaches `at` (ms). Returns a function that cancels it. */
  at(at: number, fn: () => void): () => void;
}

/** Node's timers cap a delay at 2^31-1 ms (about 24.8 days): longer waits are re-armed in steps. */
const MAX_DELAY = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      const wait = at - Date.now();
      if (wait <= 0) return void fn();
      timer = setTimeout(arm, Math.min(wait, MAX_DELAY));
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  },
};

export interface ManualClock extends Clock {
  /** Move time to `ms` and run every timer due by then, in time order. */
  set(ms: number): void;
  advance(ms: number): void;
  /** Timers still waiting. */
  pending(): number;
}

export function manualClock(start: number): ManualClock {
  let time = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ManualClock = {
    now: () => time,
    at(at, fn) {
      const id = seq++;
      timers.set(id, { at, fn });
      if (at <= time) queueMicrotask(() => clock.set(time));
      return () => void timers.delete(id);
    },
    set(ms) {
      time = Math.max(time, ms);
      const due = [...timers].filter(([, t]) => t.at <= time).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
      for (const [id, t] of due) {
        timers.delete(id);
        t.fn();
      }
    },
    advance: (ms) => clock.set(time + ms),
    pending: () => timers.size,
  };
  return clock;
}
