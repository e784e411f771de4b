/**
 * Webhook signatures (docs/webhooks.md "Verifying a delivery"). Every delivery carries
 *
 *   INE-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=<…>]
 *
 * signed anew at each attempt. While a rotated secret is in its grace period there are two `v1`
 * values (new secret first); a receiver accepts the delivery when any of them matches its secret.
 * `t` binds the signature to a moment: receivers refuse it outside `REPLAY_WINDOW_SECONDS` of their
 * clock, so a captured request cannot be replayed later. Pure Node (node:crypto), no other runtime
 * dependency, so receivers written in Node can import `verifyWebhookSignature` as is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'INE-Signature';
/** How far a delivery's timestamp may be from the receiver's clock, either way (5 minutes). */
export const REPLAY_WINDOW_SECONDS = 300;
/** The signature header is short; anything longer is refused before parsing. */
const MAX_HEADER_LENGTH = 1024;

const hmacHex = (secret: string, timestamp: number, body: string | Uint8Array): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The `INE-Signature` value for `body` at `timestamp` (unix seconds), one `v1` per secret. */
export function signWebhook(body: string | Uint8Array, secrets: readonly string[], timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmacHex(s, timestamp, body)}`)].join(',');
}

export type SignatureCheck =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'too-old' | 'too-new' | 'mismatch'; message: string };

/**
 * Checks a delivery as a receiver must: the header parses, its timestamp is within
 * `toleranceSeconds` of `now`, and one `v1` equals the HMAC of `<t>.<body>` (compared in constant
 * time). `body` must be the raw bytes received, before any JSON parsing. `now` in milliseconds.
 */
export function verifyWebhookSignature(
  header: string | null | undefined,
  body: string | Uint8Array,
  secret: string,
  now: number = Date.now(),
  toleranceSeconds: number = REPLAY_WINDOW_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing', message: `No ${SIGNATURE_HEADER} header.` };
  if (header.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'malformed', message: `${SIGNATURE_HEADER} is too long.` };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || !candidates.length)
    return { ok: false, reason: 'malformed', message: `${SIGNATURE_HEADER} must be "t=<unix seconds>,v1=<64 hex digits>".` };
  const skew = Math.floor(now / 1000) - timestamp;
  if (skew > toleranceSeconds)
    return { ok: false, reason: 'too-old', message: `The signature is ${skew} s old; at most ${toleranceSeconds} s are accepted.` };
  if (-skew > toleranceSeconds)
    return { ok: false, reason: 'too-new', message: `The signature is ${-skew} s in the future; at most ${toleranceSeconds} s are accepted.` };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const match = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch', message: 'No signature matches the body and the secret.' };
}
