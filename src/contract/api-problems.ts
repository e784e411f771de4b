/**
 * The Web API's problem codes (RFC 9457 `code` member), defined once: each with its HTTP status and
 * the elements' error code it means (src/internal/error-codes.ts), so the browser's API client and
 * the server agree. Titles and descriptions live server-side (core/api/problem-codes.ts, typed over
 * this table, so a new code does not compile until it is described) and stay out of the bundle.
 */
import type { IneErrorCode } from '../internal/error-codes.js';

export const API_PROBLEM_CODES = {
  TokenMissing: { status: 401, ineCode: 'NotSignedIn' },
  TokenExpired: { status: 401, ineCode: 'ExpiredCredentials' },
  TokenInvalid: { status: 401, ineCode: 'NotSignedIn' },
  TokenWrongAudience: { status: 401, ineCode: 'NotSignedIn' },
  TokenAlgorithmRefused: { status: 401, ineCode: 'NotSignedIn' },
  TokenUnknownKey: { status: 401, ineCode: 'NotSignedIn' },
  InsufficientScope: { status: 403, ineCode: 'AccessDenied' },
  NotFound: { status: 404, ineCode: 'NotFound' },
  MethodNotAllowed: { status: 405, ineCode: 'Unknown' },
  MalformedBody: { status: 400, ineCode: 'Unknown' },
  InvalidRequest: { status: 400, ineCode: 'Unknown' },
  BadCursor: { status: 400, ineCode: 'Unknown' },
  UnsupportedMediaType: { status: 415, ineCode: 'Unknown' },
  BodyTooLarge: { status: 413, ineCode: 'TooLarge' },
  PreconditionRequired: { status: 428, ineCode: 'Conflict' },
  PreconditionFailed: { status: 412, ineCode: 'Conflict' },
  ClipNotReady: { status: 409, ineCode: 'Processing' },
  CaptionFileInvalid: { status: 422, ineCode: 'InvalidCaptions' },
  IdempotencyKeyInvalid: { status: 400, ineCode: 'Unknown' },
  IdempotencyKeyReused: { status: 422, ineCode: 'Conflict' },
  IdempotencyInProgress: { status: 409, ineCode: 'Conflict' },
  TooManySubscriptions: { status: 409, ineCode: 'Conflict' },
  WebhooksUnavailable: { status: 503, ineCode: 'ServerError' },
  PreviewUnavailable: { status: 503, ineCode: 'ServerError' },
  UploadAborted: { status: 409, ineCode: 'Conflict' },
  UploadCompleted: { status: 409, ineCode: 'Conflict' },
  UploadIncomplete: { status: 409, ineCode: 'Conflict' },
  UploadSizeMismatch: { status: 409, ineCode: 'Conflict' },
  UploadEtagMismatch: { status: 409, ineCode: 'Conflict' },
  ApprovalRefused: { status: 403, ineCode: 'AccessDenied' },
  RequestDecided: { status: 409, ineCode: 'Conflict' },
  SensitivePeriodActive: { status: 409, ineCode: 'Conflict' },
  TooManyPendingRequests: { status: 409, ineCode: 'Conflict' },
  RateLimited: { status: 429, ineCode: 'Throttled' },
  StorageUnavailable: { status: 503, ineCode: 'ServerError' },
  ServerError: { status: 500, ineCode: 'ServerError' },
} as const satisfies Record<string, { status: number; ineCode: IneErrorCode }>;

export type ApiProblemCode = keyof typeof API_PROBLEM_CODES;

export const isApiProblemCode = (v: unknown): v is ApiProblemCode => typeof v === 'string' && Object.hasOwn(API_PROBLEM_CODES, v);
