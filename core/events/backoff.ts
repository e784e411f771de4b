/** The wait before retry `retry` (1 for the first retry): exponential, ±20 % jitter, so failed receivers are not hit in step. */
export function retryDelayMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs * 2 ** (retry - 1) * (0.8 + 0.4 * random()));
}
