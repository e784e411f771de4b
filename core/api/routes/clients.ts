/** `/v1/clients`: OAuth clients for systems, managed by admins (scope clients:manage). Every change is audited. */
import { ROLE_NAMES, type RoleName } from '../../../infra/policies/roles.ts';
import { CLIENT_ID_PATTERN, MAX_PREVIOUS_SECRET_SECONDS, viewOf } from '../../auth/clients.ts';
import { SCOPE_NAMES, scopesBeyondRole, type Scope } from '../../auth/scopes.ts';
import { actorOf } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { audited } from '../audited.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const ID = { type: 'string', pattern: CLIENT_ID_PATTERN };

export const listClients = defineRoute({
  method: 'GET',
  path: '/v1/clients',
  operationId: 'listClients',
  summary: 'List OAuth clients',
  tag: 'clients',
  scope: 'clients:manage',
  responses: { 200: { description: 'Every client (never their secrets).', schema: ref('ClientList') } },
  problems: [],
  async handle(_req, deps) {
    return json(200, { items: (await deps.clients.list()).map(viewOf) });
  },
});

export const createClient = defineRoute<Record<string, never>, Record<string, never>, { name: string; role: RoleName; scopes: Scope[] }>({
  method: 'POST',
  path: '/v1/clients',
  operationId: 'createClient',
  summary: 'Create an OAuth client',
  description: 'The secret is in this answer only. A client’s scopes must be within its role’s.',
  tag: 'clients',
  scope: 'clients:manage',
  body: {
    type: 'object',
    required: ['name', 'role', 'scopes'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      role: { enum: [...ROLE_NAMES] },
      scopes: { type: 'array', minItems: 1, maxItems: SCOPE_NAMES.length, uniqueItems: true, items: { enum: SCOPE_NAMES } },
    },
  },
  responses: { 201: { description: 'The client and its secret.', schema: ref('ClientWithSecret') } },
  problems: ['InvalidRequest'],
  async handle(req, deps) {
    const beyond = scopesBeyondRole(req.body.role, req.body.scopes);
    if (beyond.length)
      throw new ApiProblem('InvalidRequest', `The role ${req.body.role} may not hold ${beyond.join(', ')}`, {
        errors: [{ pointer: '/scopes', message: `beyond the role: ${beyond.join(' ')}` }],
      });
    const { client, secret } = await audited(
      deps,
      { actor: actorOf(req.principal), action: 'client.create', before: null, after: null },
      () => deps.clients.create({ ...req.body, name: req.body.name.trim(), createdBy: req.principal.sub }),
      (made) => ({ targetClientId: made.client.clientId, after: viewOf(made.client) }),
    );
    return json(201, { client: viewOf(client), clientSecret: secret });
  },
});

export const rotateClientSecret = defineRoute<{ id: string }, Record<string, never>, { previousSecretValidSeconds?: number } | undefined>({
  method: 'POST',
  path: '/v1/clients/{id}/rotate-secret',
  operationId: 'rotateClientSecret',
  summary: 'Rotate a client’s secret',
  description:
    'Issues a new secret; the previous one keeps working for `previousSecretValidSeconds` (default one day, 0 = stops now), so the system can switch without downtime.',
  tag: 'clients',
  scope: 'clients:manage',
  params: { id: ID },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { previousSecretValidSeconds: { type: 'integer', minimum: 0, maximum: MAX_PREVIOUS_SECRET_SECONDS } },
  },
  bodyOptional: true,
  responses: { 200: { description: 'The client and its new secret.', schema: ref('ClientWithSecret') } },
  problems: ['NotFound', 'InvalidRequest'],
  async handle(req, deps) {
    const out = await audited(
      deps,
      { actor: actorOf(req.principal), action: 'client.rotate-secret', targetClientId: req.params.id, before: null, after: null },
      async () => {
        const rotated = await deps.clients.rotate(req.params.id, req.body?.previousSecretValidSeconds);
        if (!rotated) throw new ApiProblem('NotFound', `No client ${req.params.id}`);
        return rotated;
      },
      (r) => ({ before: viewOf(r.before), after: viewOf(r.client) }),
    );
    return json(200, { client: viewOf(out.client), clientSecret: out.secret });
  },
});

export const deleteClient = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/v1/clients/{id}',
  operationId: 'deleteClient',
  summary: 'Delete an OAuth client',
  description: 'Its secrets stop working at once; tokens already issued expire within 15 minutes.',
  tag: 'clients',
  scope: 'clients:manage',
  params: { id: ID },
  responses: { 204: { description: 'Deleted.' } },
  problems: ['NotFound'],
  async handle(req, deps) {
    const client = await deps.clients.get(req.params.id);
    if (!client) throw new ApiProblem('NotFound', `No client ${req.params.id}`);
    await audited(
      deps,
      { actor: actorOf(req.principal), action: 'client.delete', targetClientId: client.clientId, before: viewOf(client), after: null },
      () => deps.clients.remove(client.clientId),
    );
    return { status: 204, headers: { 'cache-control': 'no-store' } };
  },
});
