/**
 * The Web API's problem codes with their titles and meanings. The codes, statuses and the elements'
 * code for each are defined once in src/contract/api-problems.ts (the browser's API client reads them
 * too); this adds the texts, typed over that table so a new code does not compile until described.
 * The OpenAPI document (scripts/gen-openapi.ts) and docs/errors.md (scripts/error-docs.ts) are
 * generated from here.
 */
import { API_PROBLEM_CODES, type ApiProblemCode } from '../../src/contract/api-problems.ts';
import type { IneErrorCode } from '../../src/internal/error-codes.ts';

export interface ProblemDef {
  readonly status: number;
  readonly title: string;
  /** When it is answered (docs/errors.md). */
  readonly when: string;
  /** The elements' code for it. */
  readonly ineCode: IneErrorCode;
}

const PROBLEM_TEXTS: Record<ApiProblemCode, { title: string; when: string }> = {
  TokenMissing: { title: 'Access token required', when: 'no `Authorization: Bearer <token>` header' },
  TokenExpired: { title: 'Access token expired', when: 'the token is past its `exp`; get a new one' },
  TokenInvalid: {
    title: 'Access token invalid',
    when: 'the token is malformed, its signature does not verify (tampered), or a required claim is missing or wrong',
  },
  TokenWrongAudience: { title: 'Access token for another audience', when: 'the token’s `aud` is not this API' },
  TokenAlgorithmRefused: { title: 'Access token algorithm refused', when: 'the token is not signed with ES256 (`alg: none` included)' },
  TokenUnknownKey: {
    title: 'Access token signed by an unknown key',
    when: 'the token’s `kid` is not in the broker’s JWKS (a retired key, or not ours)',
  },
  InsufficientScope: { title: 'Scope missing', when: 'the token lacks the scope the operation needs' },
  NotFound: {
    title: 'Not found',
    when: 'no such route, clip, client, webhook subscription or upload of yours (or a draft clip asked for without the admin role)',
  },
  MethodNotAllowed: { title: 'Method not allowed', when: 'the route exists but not with this method (`Allow` lists them)' },
  MalformedBody: { title: 'Malformed body', when: 'the body is not JSON, or nests deeper than the limit' },
  InvalidRequest: {
    title: 'Invalid request',
    when: 'the body, query or path breaks the operation’s schema or the clip field rules (unknown field, wrong type, over-long value, future date…); `errors` lists each',
  },
  BadCursor: { title: 'Bad cursor', when: 'the `cursor` was not issued for this query, or was altered' },
  UnsupportedMediaType: { title: 'Unsupported media type', when: 'a body that is not `application/json`' },
  BodyTooLarge: { title: 'Body too large', when: 'the body is larger than the API’s limit (64 KiB)' },
  PreconditionRequired: { title: 'If-Match required', when: 'a change that needs `If-Match: <ETag>` came without it' },
  PreconditionFailed: {
    title: 'Changed since read',
    when: 'the clip changed since the ETag sent in `If-Match`; `current` holds the clip as it is now, with its `etag`',
  },
  ClipNotReady: { title: 'Clip not ready', when: 'publishing a clip that is still processing or failed' },
  CaptionFileInvalid: {
    title: 'Caption file refused',
    when: 'an attached caption file breaks the WebVTT/SubRip rules or the limits (docs/packaging.md "Attached caption files"); `reason` says which (`header`, `timing`, `endBeforeStart`, `outsideClip`, `cueTooLong`, `tooManyCues`, `empty`, `encoding`, `tooLarge`) and `line` where',
  },
  IdempotencyKeyInvalid: { title: 'Bad Idempotency-Key', when: 'the `Idempotency-Key` is empty, too long or not visible ASCII' },
  IdempotencyKeyReused: { title: 'Idempotency-Key reused', when: 'the same `Idempotency-Key` was used before with a different request' },
  IdempotencyInProgress: { title: 'Request in progress', when: 'a request with the same `Idempotency-Key` is still running; retry shortly' },
  TooManySubscriptions: {
    title: 'Too many webhook subscriptions',
    when: 'creating a webhook subscription when the most allowed already exist; delete one first',
  },
  WebhooksUnavailable: {
    title: 'Webhooks unavailable',
    when: 'a webhook subscription route on a deployment that delivers no webhooks: a stand-in started with `webhooks: false`, or an API Lambda without `INE_WEBHOOK_QUEUE_URL`',
  },
  PreviewUnavailable: {
    title: 'Preview unavailable',
    when: 'asking for a draft preview on a deployment with no preview key (see docs/api.md, draft preview)',
  },
  UploadAborted: { title: 'Upload aborted', when: 'more part URLs for, or completing, an aborted upload; create a new one' },
  UploadCompleted: {
    title: 'Upload completed',
    when: 'more part URLs for, or aborting, an upload already completed (completing it again answers the same clip)',
  },
  UploadIncomplete: { title: 'Upload incomplete', when: 'completing an upload with a part not PUT yet' },
  UploadSizeMismatch: {
    title: 'Upload part size wrong',
    when: 'completing an upload whose part has another size than the plan (or parts beyond it); PUT the part again',
  },
  UploadEtagMismatch: { title: 'Upload part changed', when: 'completing an upload with an ETag that is not the part’s (it was PUT again since)' },
  ApprovalRefused: {
    title: 'Approval refused',
    when: 'approving or rejecting a request you made yourself (the same identity, whatever the token or session), or as a system client: a second person must decide',
  },
  RequestDecided: {
    title: 'Request already decided',
    when: 'approving or rejecting a publication request that is no longer pending (a replayed approval); `current` holds it as it is',
  },
  SensitivePeriodActive: {
    title: 'Sensitive period in progress',
    when: 'removing a sensitive period that has started, or changing a published clip’s `publishAt`/`unpublishAt` during one',
  },
  TooManyPendingRequests: {
    title: 'Too many pending requests',
    when: 'a publication request when the most allowed are already waiting; decide some first',
  },
  RateLimited: { title: 'Too many requests', when: 'the caller’s request budget is spent; `Retry-After` says when to retry' },
  StorageUnavailable: { title: 'Storage unavailable', when: 'the bucket refused or timed out; retry later' },
  ServerError: { title: 'Server error', when: 'an unexpected failure (logged); nothing was changed unless the answer says so' },
};

export type ProblemCode = ApiProblemCode;

export const API_PROBLEMS = Object.fromEntries(
  (Object.keys(API_PROBLEM_CODES) as ProblemCode[]).map((code) => [code, { ...API_PROBLEM_CODES[code], ...PROBLEM_TEXTS[code] }]),
) as Record<ProblemCode, ProblemDef>;

export const PROBLEM_CODES = Object.keys(API_PROBLEM_CODES) as ProblemCode[];

/** The `type` URI of a problem: stable, and documented in docs/errors.md. */
export const problemType = (code: ProblemCode): string => `https://ine.mx/problems/${code}`;
