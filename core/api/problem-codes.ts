/**
 * Every problem code the Web API answers (RFC 9457 `application/problem+json`, member `code`),
 * defined once with its HTTP status, title and meaning. The OpenAPI document (scripts/gen-openapi.ts)
 * and docs/errors.md (scripts/error-docs.ts) are generated from this table; the browser's API client
 * maps them onto the elements' codes (src/internal/error-codes.ts) through `ineCode`.
 */
import type { IneErrorCode } from '../../src/internal/error-codes.ts';

export interface ProblemDef {
  readonly status: number;
  readonly title: string;
  /** When it is answered (docs/errors.md). */
  readonly when: string;
  /** The elements' code for it. */
  readonly ineCode: IneErrorCode;
}

export const API_PROBLEMS = {
  TokenMissing: { status: 401, title: 'Access token required', when: 'no `Authorization: Bearer <token>` header', ineCode: 'NotSignedIn' },
  TokenExpired: { status: 401, title: 'Access token expired', when: 'the token is past its `exp`; get a new one', ineCode: 'ExpiredCredentials' },
  TokenInvalid: {
    status: 401,
    title: 'Access token invalid',
    when: 'the token is malformed, its signature does not verify (tampered), or a required claim is missing or wrong',
    ineCode: 'NotSignedIn',
  },
  TokenWrongAudience: { status: 401, title: 'Access token for another audience', when: 'the token’s `aud` is not this API', ineCode: 'NotSignedIn' },
  TokenAlgorithmRefused: {
    status: 401,
    title: 'Access token algorithm refused',
    when: 'the token is not signed with ES256 (`alg: none` included)',
    ineCode: 'NotSignedIn',
  },
  TokenUnknownKey: {
    status: 401,
    title: 'Access token signed by an unknown key',
    when: 'the token’s `kid` is not in the broker’s JWKS (a retired key, or not ours)',
    ineCode: 'NotSignedIn',
  },
  InsufficientScope: { status: 403, title: 'Scope missing', when: 'the token lacks the scope the operation needs', ineCode: 'AccessDenied' },
  NotFound: {
    status: 404,
    title: 'Not found',
    when: 'no such route, clip, client, webhook subscription or upload of yours (or a draft clip asked for without the admin role)',
    ineCode: 'NotFound',
  },
  MethodNotAllowed: {
    status: 405,
    title: 'Method not allowed',
    when: 'the route exists but not with this method (`Allow` lists them)',
    ineCode: 'Unknown',
  },
  MalformedBody: { status: 400, title: 'Malformed body', when: 'the body is not JSON, or nests deeper than the limit', ineCode: 'Unknown' },
  InvalidRequest: {
    status: 400,
    title: 'Invalid request',
    when: 'the body, query or path breaks the operation’s schema or the clip field rules (unknown field, wrong type, over-long value, future date…); `errors` lists each',
    ineCode: 'Unknown',
  },
  BadCursor: { status: 400, title: 'Bad cursor', when: 'the `cursor` was not issued for this query, or was altered', ineCode: 'Unknown' },
  UnsupportedMediaType: { status: 415, title: 'Unsupported media type', when: 'a body that is not `application/json`', ineCode: 'Unknown' },
  BodyTooLarge: { status: 413, title: 'Body too large', when: 'the body is larger than the API’s limit (64 KiB)', ineCode: 'TooLarge' },
  PreconditionRequired: {
    status: 428,
    title: 'If-Match required',
    when: 'a change that needs `If-Match: <ETag>` came without it',
    ineCode: 'Conflict',
  },
  PreconditionFailed: {
    status: 412,
    title: 'Changed since read',
    when: 'the clip changed since the ETag sent in `If-Match`; `current` holds the clip as it is now, with its `etag`',
    ineCode: 'Conflict',
  },
  ClipNotReady: { status: 409, title: 'Clip not ready', when: 'publishing a clip that is still processing or failed', ineCode: 'Processing' },
  TooManySubscriptions: {
    status: 409,
    title: 'Too many webhook subscriptions',
    when: 'creating a webhook subscription when the most allowed already exist; delete one first',
    ineCode: 'Conflict',
  },
  WebhooksUnavailable: {
    status: 503,
    title: 'Webhooks unavailable',
    when: 'a webhook subscription route on a deployment that runs no webhook dispatcher (a stand-in started with `webhooks: false`)',
    ineCode: 'ServerError',
  },
  UploadAborted: {
    status: 409,
    title: 'Upload aborted',
    when: 'more part URLs for, or completing, an aborted upload; create a new one',
    ineCode: 'Conflict',
  },
  UploadCompleted: {
    status: 409,
    title: 'Upload completed',
    when: 'more part URLs for, or aborting, an upload already completed (completing it again answers the same clip)',
    ineCode: 'Conflict',
  },
  UploadIncomplete: { status: 409, title: 'Upload incomplete', when: 'completing an upload with a part not PUT yet', ineCode: 'Conflict' },
  UploadSizeMismatch: {
    status: 409,
    title: 'Upload part size wrong',
    when: 'completing an upload whose part has another size than the plan (or parts beyond it); PUT the part again',
    ineCode: 'Conflict',
  },
  UploadEtagMismatch: {
    status: 409,
    title: 'Upload part changed',
    when: 'completing an upload with an ETag that is not the part’s (it was PUT again since)',
    ineCode: 'Conflict',
  },
  IdempotencyKeyInvalid: {
    status: 400,
    title: 'Bad Idempotency-Key',
    when: 'the `Idempotency-Key` is empty, too long or not visible ASCII',
    ineCode: 'Unknown',
  },
  IdempotencyKeyReused: {
    status: 422,
    title: 'Idempotency-Key reused',
    when: 'the same `Idempotency-Key` was used before with a different request',
    ineCode: 'Conflict',
  },
  IdempotencyInProgress: {
    status: 409,
    title: 'Request in progress',
    when: 'a request with the same `Idempotency-Key` is still running; retry shortly',
    ineCode: 'Conflict',
  },
  RateLimited: {
    status: 429,
    title: 'Too many requests',
    when: 'the caller’s request budget is spent; `Retry-After` says when to retry',
    ineCode: 'Throttled',
  },
  StorageUnavailable: { status: 503, title: 'Storage unavailable', when: 'the bucket refused or timed out; retry later', ineCode: 'ServerError' },
  ServerError: {
    status: 500,
    title: 'Server error',
    when: 'an unexpected failure (logged); nothing was changed unless the answer says so',
    ineCode: 'ServerError',
  },
} as const satisfies Record<string, ProblemDef>;

export type ProblemCode = keyof typeof API_PROBLEMS;

export const PROBLEM_CODES = Object.keys(API_PROBLEMS) as ProblemCode[];

/** The `type` URI of a problem: stable, and documented in docs/errors.md. */
export const problemType = (code: ProblemCode): string => `https://ine.mx/problems/${code}`;
