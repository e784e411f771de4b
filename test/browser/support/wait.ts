/** Wait until `check()` is truthy (polling every 50 ms), or fail with `what` after `ms`. Timeouts are generous: CI is a loaded 2-core machine. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, ms = 60_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
