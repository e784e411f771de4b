/**
 * The OpenAPI 3.1 document of `/v1`, built from the routes and their schemas (never kept by hand):
 * scripts/gen-openapi.ts writes it to schemas/openapi.json, which the package ships.
 */
import { API_PROBLEMS, type ProblemCode } from './problem-codes.ts';
import { BODY_PROBLEMS, COMMON_PROBLEMS, POST_PROBLEMS } from './router.ts';
import type { RouteDef } from './route.ts';
import { ROUTES } from './routes/index.ts';
import { componentSchemas, ref, type Schema } from './schemas.ts';
import { SCOPES } from '../auth/scopes.ts';
import { CLIP_EVENTS, CLIP_EVENT_TYPES } from '../events/event-types.ts';
import { WEBHOOK_LIMITS } from '../events/limits.ts';

/** What subscribed receivers get (OpenAPI 3.1 `webhooks`): one signed POST per event (docs/webhooks.md). */
function webhookOperations(): Record<string, Schema> {
  const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } });
  return Object.fromEntries(
    CLIP_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `${type.replace('.', '_')}_webhook`,
          summary: `\`${type}\`: ${CLIP_EVENTS[type].when}`,
          tags: ['webhooks'],
          parameters: [
            header('INE-Signature', '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation.'),
            header('INE-Event-Id', 'The event’s `id`: de-duplicate on it.'),
            header('INE-Event-Type', 'The event’s `type`.'),
            header('INE-Delivery-Id', 'This event to this subscription, the same on its retries.'),
            header('INE-Delivery-Attempt', `\`1\` to \`${WEBHOOK_LIMITS.maxAttempts}\`.`),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('WebhookEvent') } } },
          responses: { '2XX': { description: 'Received; anything else (or no answer within the timeout) is retried with backoff.' } },
        },
      },
    ]),
  );
}

const PROBLEM_CONTENT = { 'application/problem+json': { schema: ref('Problem') } };

function problemsOf(route: RouteDef): ProblemCode[] {
  const all = new Set<ProblemCode>([...COMMON_PROBLEMS, ...route.problems]);
  if (route.body) BODY_PROBLEMS.forEach((c) => all.add(c));
  if (route.query || route.params) all.add('InvalidRequest');
  if (route.method === 'POST') POST_PROBLEMS.forEach((c) => all.add(c));
  if (route.ifMatch === 'required') all.add('PreconditionRequired');
  return [...all];
}

function operation(route: RouteDef): Schema {
  const parameters: Schema[] = [];
  for (const [name, schema] of Object.entries(route.params ?? {})) parameters.push({ name, in: 'path', required: true, schema });
  const q = (route.query?.properties ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(q)) parameters.push({ name, in: 'query', required: false, schema });
  if (route.ifMatch)
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: route.ifMatch === 'required',
      description: 'The ETag read (GET or a previous change).',
      schema: { type: 'string' },
    });
  if (route.method === 'POST')
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Same key + same request within 24 h: the first answer again. Same key + another request: 422.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    });
  const responses: Record<string, Schema> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const out: Schema = { description: r.description };
    if (r.schema) out.content = { 'application/json': { schema: r.schema } };
    if (r.headers) out.headers = Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d.description, schema: d.schema }]));
    responses[status] = out;
  }
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemsOf(route)) {
    const s = API_PROBLEMS[code].status;
    byStatus.set(s, [...(byStatus.get(s) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Problem: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
      content: PROBLEM_CONTENT,
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {}),
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: [{ bearer: [route.scope] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: !route.bodyOptional, content: { 'application/json': { schema: route.body } } } } : {}),
    ...(route.textBody
      ? {
          requestBody: {
            required: true,
            description: route.textBody.description,
            content: Object.fromEntries(
              route.textBody.mediaTypes.map((t) => [t, { schema: { type: 'string', maxLength: route.textBody!.maxBytes } }]),
            ),
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(version: string, routes: readonly RouteDef[] = ROUTES): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'INE video elements Web API',
      version,
      description:
        'Clips (list, search, read, edit, publish, unpublish, delete), server-side uploads, webhook subscriptions, the audit log and OAuth clients. Tokens: the broker’s login (people) or `POST <broker>/oauth2/token` with client credentials (systems). Errors are RFC 9457 problems with stable codes (docs/errors.md). See docs/api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: 'http://127.0.0.1:4566/api', description: 'The local stand-in (npm start)' }],
    tags: [
      { name: 'clips', description: 'Clip records, publication and deletion.' },
      { name: 'uploads', description: 'Server-side uploads through presigned multipart part URLs.' },
      { name: 'webhooks', description: 'Webhook subscriptions for clip events and their delivery logs (admins).' },
      { name: 'audit', description: 'The hash-chained audit log (admins).' },
      { name: 'clients', description: 'OAuth 2.0 clients for systems (admins).' },
      {
        name: 'approval',
        description:
          'Sensitive periods, and the publication requests that publish, unpublish and delete become during one, decided by a second admin.',
      },
    ],
    paths,
    webhooks: webhookOperations(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'oauth2',
          description: 'A JWT access token (ES256, at most 15 minutes) from the broker; verify against its JWKS (`/.well-known/jwks.json`).',
          flows: { clientCredentials: { tokenUrl: 'http://127.0.0.1:4566/_local/auth/oauth2/token', scopes: { ...SCOPES } } },
        },
      },
    },
  };
}
