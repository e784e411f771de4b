/** The plain request and response every runtime (the stand-in, Lambda) hands to and takes from the API. */
import type { Principal } from '../auth/principal.ts';

export interface ApiRequest {
  method: string;
  /** Path from `/v1` on, undecoded (`/v1/clips/abc`). */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The raw body (the router parses it within its limits); undefined when there is none. */
  body?: string;
  /** Caller address, for logs. */
  clientIp?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-serializable; undefined for no body. */
  body?: unknown;
}

/** What a handler sees: the request parsed and validated, and who calls. */
export interface HandlerRequest<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
}
