/**
 * The API's router: match the route, check the token and its scope, the rate limit, the path, query
 * and body against the route's schemas, `If-Match`, and the `Idempotency-Key` of a POST; then run the
 * handler. Every failure is an RFC 9457 problem; an unexpected one is logged and answered 500 with
 * nothing changed that the answer does not say.
 */
import { verifyAccessToken } from '../auth/access-token.ts';
import { principalKey, type Principal } from '../auth/principal.ts';
import { RateLimiter } from '../limits/token-bucket.ts';
import type { ApiDeps } from './deps.ts';
import { checkIdempotencyKey, requestFingerprint } from './idempotency.ts';
import { parseJsonBody } from './json-body.ts';
import { ApiProblem, problemResponse } from './problem.ts';
import type { ProblemCode } from './problem-codes.ts';
import { compileValidator } from './request-validation.ts';
import type { RouteDef } from './route.ts';
import { ROUTES } from './routes/index.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

/** Problems any authenticated route may answer. */
export const COMMON_PROBLEMS: readonly ProblemCode[] = [
  'TokenMissing',
  'TokenExpired',
  'TokenInvalid',
  'TokenWrongAudience',
  'TokenAlgorithmRefused',
  'TokenUnknownKey',
  'InsufficientScope',
  'RateLimited',
  'ServerError',
  'StorageUnavailable',
];
/** …and any route taking a body. */
export const BODY_PROBLEMS: readonly ProblemCode[] = ['MalformedBody', 'BodyTooLarge', 'UnsupportedMediaType', 'InvalidRequest'];
/** …and any POST. */
export const POST_PROBLEMS: readonly ProblemCode[] = ['IdempotencyKeyInvalid', 'IdempotencyKeyReused', 'IdempotencyInProgress'];

interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  names: string[];
  params?: (v: unknown) => void;
  query: (v: unknown) => void;
  body?: (v: unknown) => void;
}

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${def.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`,
  );
  return {
    def,
    pattern,
    names,
    ...(def.params
      ? { params: compileValidator({ type: 'object', required: names, additionalProperties: false, properties: def.params }, 'path') }
      : {}),
    query: compileValidator(def.query ?? { type: 'object', additionalProperties: false, properties: {} }, 'query'),
    ...(def.body ? { body: compileValidator(def.body, 'body') } : {}),
  };
}

/** `"abc"`, `W/"abc"` or `abc` → `"abc"` (S3's form); `*` → undefined (any version). */
function normalizeEtag(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().replace(/^W\//, '');
  if (t === '*') return undefined;
  return t.startsWith('"') ? t : `"${t}"`;
}

/** A text body (route.textBody): its media type and size checked, returned as is. */
function textBody(req: ApiRequest, spec: NonNullable<RouteDef['textBody']>): string {
  const raw = req.body ?? '';
  if (!raw) throw new ApiProblem('InvalidRequest', `This operation needs a body (${spec.mediaTypes.join(' or ')})`);
  if (Buffer.byteLength(raw) > spec.maxBytes) throw new ApiProblem('BodyTooLarge', `This body is limited to ${spec.maxBytes} bytes`);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!spec.mediaTypes.includes(type)) throw new ApiProblem('UnsupportedMediaType', `Send the body as ${spec.mediaTypes.join(' or ')}`);
  return raw;
}

export interface Api {
  handle(req: ApiRequest): Promise<ApiResponse>;
  readonly routes: readonly RouteDef[];
}

export function createApi(deps: ApiDeps, routes: readonly RouteDef[] = ROUTES): Api {
  const compiled = routes.map(compile);
  const limiter = new RateLimiter(deps.limits.requestsPerSecond, () => performance.now(), deps.limits.burst);

  async function authenticate(req: ApiRequest, route: RouteDef): Promise<Principal> {
    const auth = req.headers.authorization;
    const m = auth ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(auth.trim()) : null;
    if (!m)
      throw new ApiProblem('TokenMissing', 'Send Authorization: Bearer <access token>', {}, { 'www-authenticate': 'Bearer realm="ine-video-api"' });
    try {
      return await verifyAccessToken(m[1]!, await deps.jwks(), {
        audience: deps.audience,
        requiredScope: route.scope,
        ...(deps.issuer ? { issuer: deps.issuer } : {}),
        now: deps.now,
      });
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 401) e.headers['www-authenticate'] = `Bearer realm="ine-video-api", error="invalid_token"`;
      throw e;
    }
  }

  async function run(req: ApiRequest, route: CompiledRoute, match: RegExpExecArray): Promise<ApiResponse> {
    const def = route.def;
    const principal = await authenticate(req, def);
    const who = principalKey(principal);
    if (!limiter.take(who)) {
      const wait = limiter.retryAfterSeconds(who);
      throw new ApiProblem('RateLimited', `Too many requests; retry in ${wait} s`, {}, { 'retry-after': String(wait) });
    }
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => {
      try {
        params[n] = decodeURIComponent(match[i + 1]!);
      } catch {
        throw new ApiProblem('InvalidRequest', `Bad path parameter ${n}`);
      }
    });
    route.params?.(params);
    const query: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.query)) if (v !== undefined) query[k] = v;
    route.query(query);

    let body: unknown;
    const hasBody = req.body !== undefined && req.body !== '';
    if (def.textBody) body = textBody(req, def.textBody);
    else if (route.body) {
      body = parseJsonBody(req.body, req.headers['content-type'], deps.limits);
      if (body === undefined && !def.bodyOptional) throw new ApiProblem('InvalidRequest', 'This operation needs a JSON body');
      if (body !== undefined) route.body(body);
    } else if (hasBody) throw new ApiProblem('InvalidRequest', 'This operation takes no body');

    const ifMatchRaw = req.headers['if-match'];
    if (def.ifMatch === 'required' && !ifMatchRaw) throw new ApiProblem('PreconditionRequired', 'Send If-Match with the ETag you read');
    const headers = { ...req.headers, 'if-match': def.ifMatch ? normalizeEtag(ifMatchRaw) : undefined };

    const call = () => def.handle({ method: def.method, path: req.path, headers, params, query, body, principal } as never, deps);
    const idemKey = def.method === 'POST' ? req.headers['idempotency-key'] : undefined;
    if (idemKey === undefined) return call();
    checkIdempotencyKey(idemKey);
    const fingerprint = requestFingerprint(def.method, req.path, JSON.stringify(body ?? null) + (headers['if-match'] ?? ''));
    const begun = await deps.idempotency.begin(who, idemKey, fingerprint);
    if (begun.state === 'replay') return { ...begun.response, headers: { ...begun.response.headers, 'idempotent-replayed': 'true' } };
    let response: ApiResponse;
    try {
      response = await call();
    } catch (e) {
      const keep = e instanceof ApiProblem && e.status < 500;
      await (keep ? deps.idempotency.complete(who, idemKey, problemResponse(e, req.path)) : deps.idempotency.abandon(who, idemKey)).catch(
        (x: unknown) => deps.log(`api: idempotency key not updated: ${String(x)}`),
      );
      throw e;
    }
    // The change is made: a failure to keep its answer must not turn it into an error.
    await deps.idempotency.complete(who, idemKey, response).catch((e: unknown) => deps.log(`api: idempotency key not kept: ${String(e)}`));
    return response;
  }

  async function handle(req: ApiRequest): Promise<ApiResponse> {
    const instance = req.path;
    try {
      const method = req.method.toUpperCase();
      const byPath = compiled.map((r) => ({ r, m: r.pattern.exec(req.path) })).filter((x) => x.m);
      if (!byPath.length) throw new ApiProblem('NotFound', `No route ${req.path}`);
      const hit = byPath.find((x) => x.r.def.method === method);
      if (!hit) {
        const allow = byPath.map((x) => x.r.def.method).join(', ');
        throw new ApiProblem('MethodNotAllowed', `${req.path} allows ${allow}`, {}, { allow });
      }
      return await run(req, hit.r, hit.m!);
    } catch (e) {
      if (e instanceof ApiProblem) return problemResponse(e, instance);
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== undefined || (e as Error).name === 'TimeoutError') {
        deps.log(`api: storage ${req.method} ${req.path}: ${(e as Error).name}: ${(e as Error).message}`);
        return problemResponse(
          new ApiProblem('StorageUnavailable', 'The bucket did not answer in time; retry', {}, { 'retry-after': '1' }),
          instance,
        );
      }
      deps.log(`api: ${req.method} ${req.path}: ${(e as Error).stack ?? String(e)}`);
      return problemResponse(new ApiProblem('ServerError', 'Unexpected failure; it was logged'), instance);
    }
  }

  return { handle, routes };
}
