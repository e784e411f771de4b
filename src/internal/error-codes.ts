/**
 * Every error code the elements show and the plain API throws, defined once with its retry rule.
 * The union type and the retry rule derive from this table; docs/errors.md is generated from it
 * (`scripts/error-docs.ts`, whose description table must name every code to type-check, and a test
 * keeps the page fresh). The descriptions stay out of this file so the browser bundle does not
 * carry them.
 *
 * `retry`:
 * - `auto`: transient; the library retries by itself (with backoff) and the UI says it is retrying.
 * - `manual`: may succeed later (a clip still processing, a network that came back); the UI offers
 *   a "Reintentar" button but the library does not loop on it.
 * - `never`: trying again changes nothing until someone acts (sign in, pick another file, ...).
 */
export type RetryRule = 'auto' | 'manual' | 'never';

export const ERROR_CODES = {
  AccessDenied: 'never',
  ExpiredCredentials: 'never',
  NotSignedIn: 'never',
  AccountLocked: 'never',
  Network: 'auto',
  Conflict: 'never',
  ApprovalPending: 'never',
  NotFound: 'manual',
  Throttled: 'auto',
  ServerError: 'auto',
  Config: 'never',
  Aborted: 'never',
  Unknown: 'manual',

  NotMp4: 'never',
  EmptyFile: 'never',
  TooLarge: 'never',
  AlreadyQueued: 'never',
  Unreadable: 'never',
  UploadNotAllowed: 'never',
  ChecksumMismatch: 'auto',
  TitleRequired: 'never',
  MissingETag: 'never',
  NoSuchUpload: 'manual',
  Busy: 'never',

  NotPublished: 'never',
  Processing: 'manual',
  ProcessingFailed: 'never',
  UnsupportedRecord: 'never',
  UnsupportedCatalog: 'never',
  Unsupported: 'never',
  Decode: 'never',
  NoSource: 'never',
  Integrity: 'never',
  InvalidCaptions: 'never',
} as const satisfies Record<string, RetryRule>;

/** A closed union: raising a code that is not in `ERROR_CODES` is a type error. */
export type IneErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is IneErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

export function retryRule(code: IneErrorCode): RetryRule {
  return ERROR_CODES[code];
}

/**
 * The one HTTP status → code rule. `from: 'cdn'` is for the public CDN, which answers an
 * unpublished clip with 403 or 404 on purpose (it must not reveal that a draft exists), so both
 * mean NotFound there; from the services (S3, Cognito, the broker) 403 is a refusal.
 * Returns undefined for statuses that say nothing on their own (2xx, 3xx, other 4xx).
 */
export function codeForStatus(status: number, from: 'service' | 'cdn' = 'service'): IneErrorCode | undefined {
  if (status === 0) return 'Network';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'Throttled';
  if (from === 'cdn') {
    if (status === 403) return 'NotFound';
    return status >= 500 ? 'ServerError' : undefined;
  }
  if (status === 403) return 'AccessDenied';
  if (status === 409 || status === 412) return 'Conflict';
  if (status === 423) return 'AccountLocked';
  if (status === 503) return 'Throttled'; // S3's SlowDown
  return status >= 500 ? 'ServerError' : undefined;
}
