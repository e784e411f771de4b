/**
 * Every limit of webhooks, defined once: the request schemas, the input checks, the dispatcher and
 * docs/webhooks.md read them from here.
 */
const limits = {
  /** Subscriptions at once (each event is delivered to every matching one). */
  maxSubscriptions: 50,
  /** Characters of a target URL. */
  urlMaxLength: 2048,
  /** Characters of a subscription's description. */
  descriptionMaxLength: 500,
  /** Entries kept in each subscription's delivery log (newest first; older ones drop off). */
  deliveryLogEntries: 100,
  /** Attempts per delivery, the first included. */
  maxAttempts: 6,
  /**
   * The wait before retry n is `retryBaseMs × 2^(n-1)`, ±20 % jitter: with 6 attempts, waits of
   * about 2, 4, 8, 16 and 32 minutes, so the last attempt comes about an hour after the first.
   */
  retryBaseMs: 120_000,
  /** One attempt, from connecting to the end of the answer's headers and capped body. */
  attemptTimeoutMs: 5_000,
  /** Bytes of a receiver's answer that are read (then the connection is dropped). */
  responseBodyMaxBytes: 64 * 1024,
  /** Deliveries in flight at once, over every target. */
  maxConcurrent: 16,
  /** Deliveries in flight at once to one target (scheme, host and port): a slow one holds only these. */
  maxConcurrentPerTarget: 2,
  /** How long the previous secret still signs after a rotation (both signatures are sent). */
  rotationGraceSeconds: 24 * 3600,
  /** Characters of an error kept in a delivery log entry. */
  logErrorMaxLength: 300,
};

export type WebhookLimits = Readonly<Record<keyof typeof limits, number>>;
export const WEBHOOK_LIMITS: WebhookLimits = Object.freeze(limits);
