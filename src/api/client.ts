/**
 * A typed client for the Web API (`/api/v1`), for browsers and Node 18+ alike (it only needs
 * `fetch`). Every operation, parameter, body and answer is typed from the OpenAPI document
 * (`openapi-types.ts` and `operations.ts` are generated from schemas/openapi.json), so a change of
 * the API that breaks a caller breaks its type check.
 *
 *   const api = createApiClient({ baseUrl: 'http://127.0.0.1:4566/api', accessToken: () => token });
 *   const { data: page } = await api.call('listClips', { query: { q: 'debate' } });
 *   const { data: clip, etag } = await api.call('getClip', { path: { id } });
 *   await api.call('updateClip', { path: { id }, headers: { 'If-Match': etag! }, body: { title: 'Nuevo' } });
 *
 * What it does for the caller:
 * - `Authorization: Bearer <token>` from `accessToken` (asked on every call, so a refreshed token is used);
 * - an `Idempotency-Key` on every POST (a fresh one per call unless given), reused by its retries, so a
 *   retried POST never acts twice;
 * - retries of 429 and 503 (and network failures of requests safe to repeat) after `Retry-After` or a
 *   short backoff, at most `retries` times;
 * - a refusal (4xx/5xx) is thrown as an `ApiProblem` carrying the RFC 9457 body (`code` is stable).
 */
import type { components, operations } from './openapi-types.js';
import { OPERATIONS } from './operations.js';

export type OperationId = keyof typeof OPERATIONS & keyof operations;
export type Problem = components['schemas']['Problem'];
export type Schemas = components['schemas'];

type Op<O extends OperationId> = operations[O];
type PathParams<O extends OperationId> = Op<O>['parameters'] extends { path: infer P } ? P : never;
type QueryParams<O extends OperationId> = Op<O>['parameters'] extends { query?: infer Q } ? Q : never;
type HeaderParams<O extends OperationId> = Op<O>['parameters'] extends { header?: infer H } ? H : never;
type JsonBody<O extends OperationId> =
  Op<O> extends { requestBody: { content: { 'application/json': infer B } } }
    ? B
    : Op<O> extends { requestBody?: { content: { 'application/json': infer B } } }
      ? B
      : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 204: infer A } ? A : never;
type SuccessBody<O extends OperationId> = Success<Op<O>['responses']> extends { content: { 'application/json': infer D } } ? D : undefined;

/** What one call takes; only the parts the operation has are allowed. */
export type CallInput<O extends OperationId> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never | undefined] ? { query?: never } : { query?: QueryParams<O> }) &
  ([HeaderParams<O>] extends [never | undefined] ? { headers?: Record<string, string> } : { headers: HeaderParams<O> & Record<string, string> }) &
  ([JsonBody<O>] extends [never] ? { body?: never } : { body?: JsonBody<O> }) & {
    /** For POSTs: the key to send (default: a fresh random one per call). */
    idempotencyKey?: string;
    signal?: AbortSignal;
  };

export interface CallResult<O extends OperationId> {
  status: number;
  data: SuccessBody<O>;
  /** The `ETag` header: the version to send as `If-Match` with the next change. */
  etag?: string;
  headers: Headers;
}

export interface ApiClientOptions {
  /** Where `/v1/...` lives, e.g. `https://videos.ine.mx/api` or the stand-in's `http://127.0.0.1:4566/api`. */
  baseUrl: string;
  /** The bearer token (from the broker's login or its client-credentials grant); asked on every call. */
  accessToken?: () => string | undefined | Promise<string | undefined>;
  /** Retries of 429/503 and network failures; default 3. */
  retries?: number;
  fetch?: typeof fetch;
  /** Longest wait honoured from a `Retry-After` header; default 30 s. */
  maxRetryAfterMs?: number;
}

/** A refusal from the API: the RFC 9457 problem as sent (`code` is stable, docs/errors.md). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: Problem['code'] | 'NetworkError';
  readonly problem?: Problem;
  constructor(status: number, problem: Problem | undefined, message?: string) {
    super(problem ? `${problem.code}: ${problem.detail}` : (message ?? `HTTP ${status}`));
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'NetworkError' : 'ServerError');
    this.problem = problem;
  }
}

const RETRIED_STATUS = new Set([429, 503]);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** `{id}` placeholders filled, each value percent-encoded. */
export function expandPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const base = options.baseUrl.replace(/\/+$/, '');
  const retries = options.retries ?? 3;
  const maxWait = options.maxRetryAfterMs ?? 30_000;

  async function call<O extends OperationId>(
    operation: O,
    ...args: Record<never, never> extends CallInput<O> ? [CallInput<O>?] : [CallInput<O>]
  ): Promise<CallResult<O>> {
    const input = (args[0] ?? {}) as CallInput<O> & { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const { method, path } = OPERATIONS[operation];
    const url = new URL(`${base}${expandPath(path, input.path)}`);
    for (const [k, v] of Object.entries(input.query ?? {})) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    }
    const headers = new Headers(input.headers as Record<string, string> | undefined);
    headers.set('Accept', 'application/json, application/problem+json');
    if (input.body !== undefined) headers.set('Content-Type', 'application/json');
    if (method === 'POST' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', input.idempotencyKey ?? crypto.randomUUID());
    // A POST with its key and every GET may be repeated; PATCH and DELETE carry If-Match, so a repeat
    // after a lost answer is refused (412) rather than applied twice.
    const repeatable = SAFE_METHODS.has(method) || method === 'POST';

    for (let attempt = 0; ; attempt++) {
      const token = await options.accessToken?.();
      if (token) headers.set('Authorization', `Bearer ${token}`);
      let res: Response;
      try {
        res = await doFetch(url, {
          method,
          headers,
          body: input.body === undefined ? undefined : JSON.stringify(input.body),
          signal: input.signal,
        });
      } catch (e) {
        if (input.signal?.aborted || !repeatable || attempt >= retries) throw new ApiProblem(0, undefined, `network error: ${(e as Error).message}`);
        await delay(backoff(attempt), input.signal);
        continue;
      }
      if (res.ok) {
        const text = res.status === 204 ? '' : await res.text();
        return {
          status: res.status,
          data: (text ? JSON.parse(text) : undefined) as SuccessBody<O>,
          etag: res.headers.get('ETag') ?? undefined,
          headers: res.headers,
        };
      }
      if (RETRIED_STATUS.has(res.status) && repeatable && attempt < retries) {
        await res.body?.cancel();
        const wait = retryAfterMs(res.headers.get('Retry-After'));
        if (wait === undefined || wait <= maxWait) {
          await delay(wait ?? backoff(attempt), input.signal);
          continue;
        }
      }
      let problem: Problem | undefined;
      try {
        const body = (await res.json()) as Problem;
        if (body && typeof body === 'object' && typeof body.code === 'string') problem = body;
      } catch {
        // not a problem document (e.g. a proxy's page): the status says enough
      }
      throw new ApiProblem(res.status, problem);
    }
  }

  return { call };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Full-jitter exponential backoff: up to 0.25 s, 0.5 s, 1 s… */
const backoff = (attempt: number) => Math.random() * 250 * 2 ** attempt;

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });
}
