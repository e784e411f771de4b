/**
 * A route: method, path, the scope it needs, its request and response schemas (the OpenAPI document is
 * generated from these, scripts/gen-openapi.ts) and a plain handler. Adding a route is one file in
 * routes/ and one line in routes/index.ts.
 */
import type { Scope } from '../auth/scopes.ts';
import type { ApiDeps } from './deps.ts';
import type { ProblemCode } from './problem-codes.ts';
import type { Schema } from './schemas.ts';
import type { ApiResponse, HandlerRequest } from './types.ts';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteResponseDef {
  description: string;
  schema?: Schema;
  headers?: Record<string, { description: string; schema: Schema }>;
}

export interface RouteDef {
  method: HttpMethod;
  /** From `/v1`, with `{name}` parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The scope a token needs. */
  scope: Scope;
  /** Schema per path parameter. */
  params?: Record<string, Schema>;
  /** An object schema over the query parameters (values arrive as strings and are coerced). */
  query?: Schema;
  /** The JSON body; absent = the operation takes none. */
  body?: Schema;
  /**
   * A body taken as text, not JSON (a caption file): the media types accepted and its own size limit
   * (the router answers UnsupportedMediaType / BodyTooLarge before the handler sees it).
   */
  textBody?: { mediaTypes: readonly string[]; maxBytes: number; description: string };
  /** Whether the body may be left out. */
  bodyOptional?: boolean;
  ifMatch?: 'required' | 'optional';
  responses: Record<number, RouteResponseDef>;
  /** Problem codes this route may answer besides the ones every route may (router.ts COMMON_PROBLEMS). */
  problems: ProblemCode[];
  handle(req: HandlerRequest<never, never, never>, deps: ApiDeps): Promise<ApiResponse>;
}

/** Typed helper: the handler sees its own params/query/body shapes. */
export function defineRoute<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(
  def: Omit<RouteDef, 'handle'> & { handle(req: HandlerRequest<P, Q, B>, deps: ApiDeps): Promise<ApiResponse> },
): RouteDef {
  return def as RouteDef;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body,
});
