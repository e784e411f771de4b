/**
 * `/v1/webhooks/subscriptions`: webhook subscriptions and their delivery logs, managed by admins
 * (scope webhooks:manage) through core/events' handlers. Every change is audited, secrets never.
 */
import {
  createSubscription,
  createSubscriptionRequestSchema,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  rotateSubscriptionSecret,
  type SubscriptionContext,
} from '../../events/index.ts';
import { actorOf } from '../clips.ts';
import type { ApiDeps } from '../deps.ts';
import { asProblem } from '../domain-problems.ts';
import { ApiProblem } from '../problem.ts';
import { audited } from '../audited.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const BASE = '/v1/webhooks/subscriptions';
const ID = { type: 'string', pattern: '^sub_[0-9a-f]{32}$' };

function contextOf(deps: ApiDeps): SubscriptionContext {
  if (!deps.webhooks) throw new ApiProblem('WebhooksUnavailable', 'This deployment runs no webhook dispatcher');
  return deps.webhooks;
}

const common = { tag: 'webhooks', scope: 'webhooks:manage' } as const;

export const listWebhookSubscriptions = defineRoute({
  ...common,
  method: 'GET',
  path: BASE,
  operationId: 'listWebhookSubscriptions',
  summary: 'List webhook subscriptions',
  responses: { 200: { description: 'Every subscription (never their secrets).', schema: ref('WebhookSubscriptionList') } },
  problems: ['WebhooksUnavailable'],
  async handle(_req, deps) {
    return json(200, await listSubscriptions(contextOf(deps)));
  },
});

export const createWebhookSubscription = defineRoute({
  ...common,
  method: 'POST',
  path: BASE,
  operationId: 'createWebhookSubscription',
  summary: 'Subscribe a URL to clip events',
  description:
    'Events are POSTed to `url`, signed with the secret in this answer (shown once): `INE-Signature: t=<unix seconds>,v1=<HMAC-SHA256 hex of "<t>.<body>">` (docs/webhooks.md).',
  body: createSubscriptionRequestSchema,
  responses: { 201: { description: 'The subscription and its secret.', schema: ref('WebhookSubscriptionWithSecret') } },
  problems: ['InvalidRequest', 'TooManySubscriptions', 'WebhooksUnavailable'],
  async handle(req, deps) {
    const created = await audited(
      deps,
      { actor: actorOf(req.principal), action: 'webhook.create', before: null, after: null },
      () => asProblem(() => createSubscription(contextOf(deps), req.principal.sub, req.body)),
      ({ secret: _secret, ...view }) => ({ targetSubscriptionId: view.id, after: view }),
    );
    return json(201, created, { location: `/api${BASE}/${created.id}` });
  },
});

export const getWebhookSubscription = defineRoute<{ id: string }>({
  ...common,
  method: 'GET',
  path: `${BASE}/{id}`,
  operationId: 'getWebhookSubscription',
  summary: 'Read a webhook subscription',
  params: { id: ID },
  responses: { 200: { description: 'The subscription (never its secret).', schema: ref('WebhookSubscription') } },
  problems: ['NotFound', 'WebhooksUnavailable'],
  async handle(req, deps) {
    return json(200, await asProblem(() => getSubscription(contextOf(deps), req.params.id)));
  },
});

export const deleteWebhookSubscription = defineRoute<{ id: string }>({
  ...common,
  method: 'DELETE',
  path: `${BASE}/{id}`,
  operationId: 'deleteWebhookSubscription',
  summary: 'Delete a webhook subscription',
  description: 'With its delivery log; deliveries still pending are dropped.',
  params: { id: ID },
  responses: { 204: { description: 'Deleted.' } },
  problems: ['NotFound', 'WebhooksUnavailable'],
  async handle(req, deps) {
    await audited(
      deps,
      { actor: actorOf(req.principal), action: 'webhook.delete', targetSubscriptionId: req.params.id, before: null, after: null },
      () => asProblem(() => deleteSubscription(contextOf(deps), req.params.id)),
      (deleted) => ({ targetSubscriptionId: deleted.id, before: deleted }),
    );
    return { status: 204, headers: { 'cache-control': 'no-store' } };
  },
});

export const rotateWebhookSecret = defineRoute<{ id: string }>({
  ...common,
  method: 'POST',
  path: `${BASE}/{id}/rotate-secret`,
  operationId: 'rotateWebhookSecret',
  summary: 'Rotate a webhook subscription’s secret',
  description:
    'A new secret, shown once. The previous one keeps signing (a second `v1` in `INE-Signature`) until `previousSecretExpiresAt`, so the receiver can switch without losing deliveries.',
  params: { id: ID },
  body: { type: 'object', additionalProperties: false, properties: {}, description: 'Nothing (or `{}`).' },
  bodyOptional: true,
  responses: { 200: { description: 'The new secret.', schema: ref('WebhookSecretRotation') } },
  problems: ['NotFound', 'WebhooksUnavailable'],
  async handle(req, deps) {
    const rotated = await audited(
      deps,
      { actor: actorOf(req.principal), action: 'webhook.rotate-secret', targetSubscriptionId: req.params.id, before: null, after: null },
      () => asProblem(() => rotateSubscriptionSecret(contextOf(deps), req.params.id)),
      (r) => ({ targetSubscriptionId: r.id, after: { previousSecretExpiresAt: r.previousSecretExpiresAt } }),
    );
    return json(200, rotated);
  },
});

export const listWebhookDeliveries = defineRoute<{ id: string }>({
  ...common,
  method: 'GET',
  path: `${BASE}/{id}/deliveries`,
  operationId: 'listWebhookDeliveries',
  summary: 'A webhook subscription’s delivery log',
  description: 'Every attempt, newest first: status, duration, error, and when the next retry is due.',
  params: { id: ID },
  responses: { 200: { description: 'The delivery log.', schema: ref('WebhookDeliveryLog') } },
  problems: ['NotFound', 'WebhooksUnavailable'],
  async handle(req, deps) {
    return json(200, await asProblem(() => listDeliveries(contextOf(deps), req.params.id)));
  },
});
