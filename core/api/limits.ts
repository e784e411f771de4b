/** The Web API's limits, defined once (docs/api.md "Limits"); a runtime may lower or raise them. */
export interface ApiLimits {
  /** Largest request body. */
  bodyBytes: number;
  /** Deepest nesting of a JSON body. */
  jsonDepth: number;
  /** Longest string anywhere in a JSON body (field rules are stricter). */
  jsonStringLength: number;
  /** Requests per second per principal (token bucket), 0 = unlimited… */
  requestsPerSecond: number;
  /** …in bursts of up to this many. */
  burst: number;
  /** Idempotency keys remembered (oldest forgotten first) and for how long. */
  idempotencyKeys: number;
  idempotencyTtlMs: number;
  /** Items per page of a listing. */
  pageSizeMax: number;
  pageSizeDefault: number;
}

export const DEFAULT_API_LIMITS: Readonly<ApiLimits> = {
  bodyBytes: 64 * 1024,
  jsonDepth: 8,
  jsonStringLength: 10_000,
  requestsPerSecond: 50,
  burst: 100,
  idempotencyKeys: 10_000,
  idempotencyTtlMs: 24 * 3600_000,
  pageSizeMax: 100,
  pageSizeDefault: 20,
};
