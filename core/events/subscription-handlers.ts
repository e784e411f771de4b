/**
 * The webhook subscription operations the API's admin routes call, as plain functions (one small
 * route file wires them, core/api/routes/webhooks.ts: the router authorizes the admin, validates the
 * body against the schema in schemas.ts, maps `EventsError` to problem+json and audits the change):
 *
 *   POST   /v1/webhooks/subscriptions                     createSubscription   → 201 createdSubscriptionSchema
 *   GET    /v1/webhooks/subscriptions                     listSubscriptions    → 200 subscriptionListSchema
 *   GET    /v1/webhooks/subscriptions/{id}                getSubscription      → 200 subscriptionSchema
 *   DELETE /v1/webhooks/subscriptions/{id}                deleteSubscription   → 204
 *   POST   /v1/webhooks/subscriptions/{id}/rotate-secret  rotateSubscriptionSecret → 200 rotatedSecretSchema
 *   GET    /v1/webhooks/subscriptions/{id}/deliveries     listDeliveries       → 200 deliveryLogSchema
 */
import type { DeliveryLog, DeliveryLogEntry } from './delivery-log.js';
import { EventsError } from './errors.js';
import { WEBHOOK_LIMITS } from './limits.js';
import { newSubscriptionId, newWebhookSecret, publicView, type StoredSubscription, type Subscription } from './subscription.js';
import { parseSubscriptionInput } from './subscription-input.js';
import type { SubscriptionStore } from './subscription-store.js';

export interface SubscriptionContext {
  subscriptions: SubscriptionStore;
  deliveryLog: DeliveryLog;
  /** Loopback and private-network targets accepted (the stand-in) or refused (AWS). */
  allowPrivateTargets: boolean;
  now?: () => number;
}

const notFound = (id: string) => new EventsError(404, 'subscription-not-found', `There is no webhook subscription ${id}.`);

/** Creates a subscription; the answer carries its secret, the only time it is shown. `principal` names who asked (for `createdBy`). */
export async function createSubscription(ctx: SubscriptionContext, principal: string, body: unknown): Promise<Subscription & { secret: string }> {
  const input = parseSubscriptionInput(body, { allowPrivateTargets: ctx.allowPrivateTargets });
  if ((await ctx.subscriptions.list()).length >= WEBHOOK_LIMITS.maxSubscriptions)
    throw new EventsError(
      409,
      'too-many-subscriptions',
      `There are already ${WEBHOOK_LIMITS.maxSubscriptions} webhook subscriptions, the most allowed; delete one first.`,
    );
  const stored: StoredSubscription = {
    id: newSubscriptionId(),
    ...input,
    secret: newWebhookSecret(),
    createdBy: principal,
    createdAt: new Date((ctx.now ?? Date.now)()).toISOString(),
  };
  if (!(await ctx.subscriptions.create(stored))) throw new Error('Subscription id collision'); // 128 random bits: never in practice
  return { ...publicView(stored), secret: stored.secret };
}

export async function listSubscriptions(ctx: SubscriptionContext): Promise<{ items: Subscription[] }> {
  return { items: (await ctx.subscriptions.list()).map(publicView) };
}

export async function getSubscription(ctx: SubscriptionContext, id: string): Promise<Subscription> {
  const s = await ctx.subscriptions.get(id);
  if (!s) throw notFound(id);
  return publicView(s);
}

/** Deletes it and its delivery log (returns what was deleted, for the audit log); its pending deliveries are dropped at their next attempt. */
export async function deleteSubscription(ctx: SubscriptionContext, id: string): Promise<Subscription> {
  const s = await ctx.subscriptions.get(id);
  if (!s || !(await ctx.subscriptions.delete(id))) throw notFound(id);
  await ctx.deliveryLog.remove(id);
  return publicView(s);
}

/**
 * A new secret, shown once. The previous one keeps signing (a second `v1` in `INE-Signature`) for
 * `WEBHOOK_LIMITS.rotationGraceSeconds`, so the receiver can switch without losing deliveries.
 */
export async function rotateSubscriptionSecret(
  ctx: SubscriptionContext,
  id: string,
): Promise<{ id: string; secret: string; previousSecretExpiresAt: string }> {
  const now = (ctx.now ?? Date.now)();
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(now + WEBHOOK_LIMITS.rotationGraceSeconds * 1000).toISOString();
  const updated = await ctx.subscriptions.update(id, (cur) => ({
    ...cur,
    secret,
    previousSecret: cur.secret,
    previousSecretExpiresAt,
    secretRotatedAt: new Date(now).toISOString(),
  }));
  if (!updated) throw notFound(id);
  return { id, secret, previousSecretExpiresAt };
}

/** The subscription's delivery log, newest first. */
export async function listDeliveries(ctx: SubscriptionContext, id: string): Promise<{ items: DeliveryLogEntry[] }> {
  if (!(await ctx.subscriptions.get(id))) throw notFound(id);
  return { items: await ctx.deliveryLog.list(id) };
}
