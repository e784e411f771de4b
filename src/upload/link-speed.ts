/**
 * The page's measured upload speed: what its last finished upload achieved (bytes S3 acknowledged
 * over the time it took), so the next file's parts fit the link (`choosePartSize`). One per page,
 * like the hashing worker: every queue on the page shares the same uplink.
 */

/** Uploads shorter than this say more about latency than about the link: not recorded. */
export const MIN_MEASURED_SECONDS = 2;

let measured: number | undefined;

/** Bytes per second, or undefined before any upload of this page finished. */
export function linkSpeed(): number | undefined {
  return measured;
}

/** Record a finished upload: `bytes` acknowledged in `seconds`. */
export function recordLinkSpeed(bytes: number, seconds: number): void {
  const speed = bytes / seconds;
  if (!(seconds >= MIN_MEASURED_SECONDS) || !(speed > 0) || !Number.isFinite(speed)) return;
  measured = speed;
}

/** Forget the measure (tests and the bench start each link from nothing). */
export function forgetLinkSpeed(): void {
  measured = undefined;
}
